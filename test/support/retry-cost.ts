import { msToNumber } from '@temporalio/common/lib/time';
import type { LocalActivityOptions } from '@temporalio/workflow';

/** The SDK extends a workflow task held by a local activity at 80 % of its 10 s timeout. */
export const WORKFLOW_TASK_EXTENDED_MS = 8_000;
/** An extension: the task completed without commands, and the next one scheduled and started. */
export const EXTENSION_EVENTS = 3;
/** A wait on a timer: the failed attempt's marker, the timer started and fired, and the task it wakes. */
export const TIMER_EVENTS = 6;

export interface RetryCost {
  /** History events the retries add. */
  events: number;
  /** Waits on Temporal timers. */
  timers: number;
  /** How long the worker waits, holding the workflow task, before the first timer. */
  localMs: number;
}

/**
 * What retrying a local activity costs the history while every attempt fails at once for `outageMs`, as
 * the SDK retries it: a wait longer than `localRetryThreshold` (1 minute by default) is a Temporal timer,
 * a shorter one is taken inside the worker, which extends the workflow task it holds every 8 s. Attempts
 * that take time only make it cheaper, so this is an upper bound.
 */
export function retryCost(options: LocalActivityOptions, outageMs: number): RetryCost {
  const ms = (duration: LocalActivityOptions['localRetryThreshold'], fallback: number) =>
    duration === undefined ? fallback : msToNumber(duration);
  const threshold = ms(options.localRetryThreshold, 60_000);
  const initial = ms(options.retry?.initialInterval, 1_000);
  const maximum = ms(options.retry?.maximumInterval, initial * 100);
  const coefficient = options.retry?.backoffCoefficient ?? 2;
  const cost: RetryCost = { events: 0, timers: 0, localMs: 0 };
  let held = 0;
  // Attempt n fails when it starts before the outage ends; the wait after it decides where it waits.
  for (let attempt = 1, startsAt = 0; startsAt < outageMs; attempt++) {
    const wait = Math.min(initial * coefficient ** (attempt - 1), maximum);
    startsAt += wait;
    if (wait > threshold) {
      cost.events += TIMER_EVENTS;
      cost.timers++;
      held = 0;
      continue;
    }
    if (cost.timers === 0) cost.localMs += wait;
    held += wait;
    for (; held >= WORKFLOW_TASK_EXTENDED_MS; held -= WORKFLOW_TASK_EXTENDED_MS)
      cost.events += EXTENSION_EVENTS;
  }
  return cost;
}
