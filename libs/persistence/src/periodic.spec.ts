import { runPeriodically } from './periodic';

describe('runPeriodically', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A run that stays under way until `finish` is called. */
  function pendingRuns() {
    const finishes: (() => void)[] = [];
    const run = jest.fn(
      () =>
        new Promise<void>((resolve) => {
          finishes.push(resolve);
        }),
    );
    return { run, finish: () => finishes.shift()?.() };
  }

  it('runs first after firstAfterMs, then every everyMs', async () => {
    const run = jest.fn(async () => undefined);
    const job = runPeriodically(run, { firstAfterMs: 100, everyMs: 1_000, onError: jest.fn() });
    await jest.advanceTimersByTimeAsync(99);
    expect(run).toHaveBeenCalledTimes(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(900);
    expect(run).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(3);
    await job.stop();
  });

  it('waits everyMs for the first run without firstAfterMs', async () => {
    const run = jest.fn(async () => undefined);
    const job = runPeriodically(run, { everyMs: 500, onError: jest.fn() });
    await jest.advanceTimersByTimeAsync(499);
    expect(run).toHaveBeenCalledTimes(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    await job.stop();
  });

  it('skips a tick while a run is under way, and runs again once it ends', async () => {
    const { run, finish } = pendingRuns();
    const job = runPeriodically(run, { everyMs: 100, onError: jest.fn() });
    await jest.advanceTimersByTimeAsync(350);
    expect(run).toHaveBeenCalledTimes(1);
    finish();
    await jest.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(2);
    finish();
    await job.stop();
  });

  it('tells onError of a failed run and goes on', async () => {
    const onError = jest.fn();
    const failure = new Error('database gone');
    const run = jest.fn().mockRejectedValueOnce(failure).mockResolvedValue(undefined);
    const job = runPeriodically(run, { everyMs: 100, onError });
    await jest.advanceTimersByTimeAsync(200);
    expect(onError).toHaveBeenCalledWith(failure);
    expect(run).toHaveBeenCalledTimes(2);
    await job.stop();
  });

  it('stops its timers and waits for the run in progress', async () => {
    const { run, finish } = pendingRuns();
    const job = runPeriodically(run, { firstAfterMs: 10, everyMs: 100, onError: jest.fn() });
    await jest.advanceTimersByTimeAsync(10);
    let stopped = false;
    const stopping = job.stop().then(() => {
      stopped = true;
    });
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
