import { EVENT_CATALOGUE, type EventSpec, type RecommendationEventType } from './catalogue/events';

/**
 * How a resolved item counts against its deadline: the three figures leaders see (PRODUCT.md, "an
 * extension ... is counted").
 */
export const TIMELINESS = ['on-time', 'on-time-after-extension', 'late'] as const;
export type Timeliness = (typeof TIMELINESS)[number];

/** The resolution deadline an item was judged against when it was resolved. */
export interface ResolutionDeadline {
  /** The deadline in force, approved extensions included; null when no resolution clock ran. */
  dueAt: number | null;
  /** The same deadline without the approved extensions; null or equal to dueAt when there were none. */
  originalDueAt: number | null;
}

/**
 * The one definition of the three-way KPI: on time is on or before the original deadline; on time
 * after an approved extension is later than that but on or before the deadline as extended; late is
 * after the deadline in force. An item resolved with no deadline running has nothing to be late for.
 */
export function resolutionTimeliness(resolvedAt: number, deadline: ResolutionDeadline): Timeliness {
  if (deadline.dueAt === null) return 'on-time';
  if (resolvedAt > deadline.dueAt) return 'late';
  return resolvedAt <= (deadline.originalDueAt ?? deadline.dueAt) ? 'on-time' : 'on-time-after-extension';
}

/**
 * What an event does to the working days of approved extensions in the resolution deadline: an approval
 * adds its days, a resumed clock keeps them, and any other event that sets another deadline starts
 * afresh. As a change, so that the read model can apply it to its own row in the statement that writes
 * the event.
 */
export type ExtensionDaysChange =
  /** An approved extension: its working days are added. */
  | { kind: 'add'; days: number }
  /** The days stay as they are. */
  | { kind: 'keep' }
  /** The days start afresh (0) if the event moved the resolution deadline, and stay otherwise. */
  | { kind: 'reset-if-deadline-moved' };

export function extensionDaysChange(event: {
  type: RecommendationEventType;
  payload: Record<string, unknown>;
}): ExtensionDaysChange {
  const effect = (EVENT_CATALOGUE[event.type] as EventSpec).deadline;
  if (effect === 'extends') {
    const granted = Number((event.payload.deadline as { workingDays?: unknown } | undefined)?.workingDays);
    return { kind: 'add', days: Number.isInteger(granted) && granted > 0 ? granted : 0 };
  }
  return effect === 'resumes' ? { kind: 'keep' } : { kind: 'reset-if-deadline-moved' };
}

/** The working days of approved extensions in the resolution deadline after an event (extensionDaysChange). */
export function extensionDaysAfter(
  days: number,
  event: { type: RecommendationEventType; payload: Record<string, unknown>; deadlineChanged: boolean },
): number {
  const change = extensionDaysChange(event);
  switch (change.kind) {
    case 'add':
      return days + change.days;
    case 'keep':
      return days;
    case 'reset-if-deadline-moved':
      return event.deadlineChanged ? 0 : days;
  }
}

/**
 * Time to resolve is counted in whole working days on the SLA calendar (SlaClock.workingDaysBetween),
 * and summarised from a histogram: slot i holds the items that took i working days, the last slot
 * those that took more than WORKING_DAYS_EXACT.
 */
export const WORKING_DAYS_EXACT = 60;
export const WORKING_DAYS_SLOTS = WORKING_DAYS_EXACT + 2;

/** The histogram slot (0-based) of a time to resolve. */
export function workingDaysSlot(workingDays: number): number {
  return Math.min(Math.max(0, Math.trunc(workingDays)), WORKING_DAYS_EXACT + 1);
}

/** The histogram of some times to resolve. */
export function workingDaysHistogram(values: readonly number[]): number[] {
  const histogram = new Array<number>(WORKING_DAYS_SLOTS).fill(0);
  for (const v of values) histogram[workingDaysSlot(v)]++;
  return histogram;
}

export interface WorkingDayFigures {
  count: number;
  /**
   * The middle value (the mean of the two middle ones for an even count); a time over
   * WORKING_DAYS_EXACT counts as WORKING_DAYS_EXACT + 1. Null when nothing is resolved.
   */
  median: number | null;
  /** The exact mean, to one decimal; null when nothing is resolved. */
  mean: number | null;
}

/** Median and mean time to resolve in working days, from the histogram and the exact sum. */
export function workingDayFigures(histogram: readonly number[], sum: number): WorkingDayFigures {
  const count = histogram.reduce((a, b) => a + b, 0);
  if (count === 0) return { count, median: null, mean: null };
  const valueAt = (rank: number) => {
    let seen = 0;
    for (let slot = 0; slot < histogram.length; slot++) {
      seen += histogram[slot];
      if (seen > rank) return slot;
    }
    return histogram.length - 1;
  };
  const median = (valueAt(Math.floor((count - 1) / 2)) + valueAt(Math.floor(count / 2))) / 2;
  return { count, median, mean: Math.round((sum / count) * 10) / 10 };
}

/** The three classes as counts of resolved items. */
export interface TimelinessCounts {
  onTime: number;
  onTimeAfterExtension: number;
  late: number;
}

/**
 * The three classes from what the read model counts: items resolved, those resolved by the deadline in
 * force (`resolved_on_time`), and of these the ones on time only thanks to an approved extension.
 */
export function timelinessCounts(
  resolved: number,
  byDeadlineInForce: number,
  afterExtension: number,
): TimelinessCounts {
  return {
    onTime: byDeadlineInForce - afterExtension,
    onTimeAfterExtension: afterExtension,
    late: resolved - byDeadlineInForce,
  };
}

/** Each class's share of the resolved items, to three decimals; null before any is resolved. */
export function timelinessShares(counts: TimelinessCounts): Record<keyof TimelinessCounts, number | null> {
  const resolved = counts.onTime + counts.onTimeAfterExtension + counts.late;
  const share = (n: number) => (resolved > 0 ? Math.round((n / resolved) * 1000) / 1000 : null);
  return {
    onTime: share(counts.onTime),
    onTimeAfterExtension: share(counts.onTimeAfterExtension),
    late: share(counts.late),
  };
}

/**
 * Reopened items: an item counts once when its cadre reopened it after closing at least once, however
 * many times (`recommendations.reopened_count > 0`). The dashboard counts them among the items submitted
 * in its period, the quarterly report among the items reopened during the quarter. Their share is taken
 * of the resolved items, as only a resolved item can be closed and then reopened.
 */
export function reopenedShare(reopened: number, resolved: number): number | null {
  return resolved > 0 ? Math.round((reopened / resolved) * 1000) / 1000 : null;
}
