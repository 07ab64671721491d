/** A job that `runPeriodically` started; `stop` ends its timers and waits for a run in progress. */
export interface PeriodicJob {
  stop(): Promise<void>;
}

export interface PeriodicOptions {
  /** The first run, this long after the start; without it, the first run comes after `everyMs`. */
  firstAfterMs?: number;
  everyMs: number;
  /** Told when a run fails; the job goes on, and the next run takes what this one left. */
  onError: (error: unknown) => void;
}

/**
 * Runs a maintenance job (a fold, a deletion) on a timer, in the background of a process that serves
 * something else. Runs never overlap: a tick that comes while one is under way is skipped. The timers
 * do not keep the process alive.
 */
export function runPeriodically(run: () => Promise<unknown>, options: PeriodicOptions): PeriodicJob {
  let running: Promise<void> | undefined;
  const tick = (): void => {
    running ??= run()
      .then(() => undefined, options.onError)
      .finally(() => {
        running = undefined;
      });
  };
  const timers = [setInterval(tick, options.everyMs)];
  if (options.firstAfterMs !== undefined) timers.push(setTimeout(tick, options.firstAfterMs));
  for (const timer of timers) timer.unref();
  return {
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      await running;
    },
  };
}
