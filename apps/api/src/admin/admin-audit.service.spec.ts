import { changedFields } from './admin-audit.service';

describe('changedFields', () => {
  it('names the fields whose value differs, arrays and objects compared by value', () => {
    const before = {
      id: 'u1',
      nameVi: 'Sở A',
      parentId: null,
      coordinatingUnitIds: ['a', 'b'],
      validTo: null,
    };
    const after = {
      id: 'u1',
      nameVi: 'Sở B',
      parentId: null,
      coordinatingUnitIds: ['a', 'b'],
      validTo: '2030-01-01',
    };
    expect(changedFields(before, after)).toEqual(['nameVi', 'validTo']);
  });

  it('a creation changes every field but the id; a deletion too', () => {
    expect(changedFields(null, { id: 'x', code: 'c', name: 'n' })).toEqual(['code', 'name']);
    expect(changedFields({ date: '2027-02-08', kind: 'holiday', updatedAt: 't' }, null)).toEqual([
      'date',
      'kind',
    ]);
  });

  it('a missing field and a null one are the same', () => {
    expect(changedFields({ headTitle: null }, {})).toEqual([]);
  });
});
