import { exitOnFailure } from './exit-on-failure';

describe('exitOnFailure', () => {
  const handlers = () => {
    const calls: string[] = [];
    return {
      calls,
      log: (err: unknown) => calls.push(`log ${(err as Error).message}`),
      stop: async () => {
        calls.push('stop');
      },
      exit: (code: number) => calls.push(`exit ${code}`),
    };
  };

  it('logs, stops the application, then exits 1 when run() rejects', async () => {
    const h = handlers();
    await exitOnFailure(Promise.reject(new Error('poller failed')), h);
    expect(h.calls).toEqual(['log poller failed', 'stop', 'exit 1']);
  });

  it('still exits 1 when stopping fails too', async () => {
    const h = handlers();
    await exitOnFailure(Promise.reject(new Error('boom')), {
      ...h,
      stop: () => Promise.reject(new Error('cannot close')),
    });
    expect(h.calls).toEqual(['log boom', 'exit 1']);
  });

  it('does nothing when the worker stops cleanly', async () => {
    const h = handlers();
    await exitOnFailure(Promise.resolve(), h);
    expect(h.calls).toEqual([]);
  });
});
