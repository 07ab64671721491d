/** A Monday morning in Việt Nam: where the tests' shortened clocks start. */
export const CLOCK_START = '2026-03-02T08:00:00+07:00';

/**
 * The environment of a shortened clock on which a day lasts `daySeconds`, reading CLOCK_START at the
 * real instant `epoch` (now by default). Workers and APIs started after it is applied use it.
 */
export function shortClockEnv(daySeconds: number, epoch = new Date().toISOString()): Record<string, string> {
  return { NGK_DAY_SECONDS: String(daySeconds), NGK_CLOCK_EPOCH: epoch, NGK_CLOCK_START: CLOCK_START };
}
