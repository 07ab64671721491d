import { msToNumber } from '@temporalio/common/lib/time';
import { retryCost, TIMER_EVENTS, WORKFLOW_TASK_EXTENDED_MS } from '../../test/support/retry-cost';
import { DB_CALLS } from './activities';

/** Temporal refuses a run's history past this many events: the item would be stuck for good. */
const HISTORY_EVENT_LIMIT = 51_200;
/**
 * Where Temporal suggests continuing as new (its default), which a run does between actions. A run that
 * waits for its projection cannot: the outage adds to a history that may already be this long.
 */
const CONTINUE_AS_NEW_SUGGESTED = 10_240;
const HOUR = 3_600_000;

describe('database calls during a PostgreSQL outage', () => {
  it('wait inside the worker only briefly, then on timers: no workflow task is extended for them', () => {
    const { localMs, timers, events } = retryCost(DB_CALLS, HOUR);
    expect(localMs).toBeLessThan(WORKFLOW_TASK_EXTENDED_MS);
    expect(timers).toBeGreaterThan(0);
    expect(events).toBe(timers * TIMER_EVENTS);
  });

  it('cost a small history per hour, and a week down leaves a full run under the event limit', () => {
    // The ramp of waits up to the longest, then one timer per longest wait.
    expect(retryCost(DB_CALLS, HOUR).events).toBeLessThanOrEqual(210);
    expect(CONTINUE_AS_NEW_SUGGESTED + retryCost(DB_CALLS, 7 * 24 * HOUR).events).toBeLessThan(
      HISTORY_EVENT_LIMIT,
    );
  });

  it('cost nothing for a blip the worker rides out, and retry at least every 2 minutes', () => {
    expect(retryCost(DB_CALLS, 2_500).events).toBe(0);
    // The read model catches up at most this long after PostgreSQL is back.
    expect(msToNumber(DB_CALLS.retry.maximumInterval)).toBeLessThanOrEqual(2 * 60_000);
  });
});
