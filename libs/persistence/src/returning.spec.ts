import { returning } from './returning';

describe('returning', () => {
  const answering = (result: unknown) => ({ query: async () => result });

  it('unwraps the [rows, count] answer of UPDATE and DELETE', async () => {
    expect(await returning(answering([[{ id: 1 }], 1]), 'UPDATE …')).toEqual([{ id: 1 }]);
    expect(await returning(answering([[], 0]), 'DELETE …')).toEqual([]);
  });

  it('passes the plain rows of SELECT and INSERT through', async () => {
    expect(await returning(answering([{ id: 1 }, { id: 2 }]), 'INSERT …')).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await returning(answering([]), 'SELECT …')).toEqual([]);
  });
});
