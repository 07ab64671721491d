import {
  RECOMMENDATION_STATUSES,
  reopenedShare,
  timelinessCounts,
  timelinessShares,
  workingDayFigures,
  WORKING_DAYS_SLOTS,
  type RecommendationStatus,
  type TimelinessCounts,
  type WorkingDayFigures,
} from '@ngk/domain';
import { HOURS_BUCKET_GROWTH, HOURS_BUCKETS, STATS_STATUS_ORDER } from '@ngk/persistence';

/** One summary row as read: counts of the items submitted on one day, month or year for one combination. */
export interface StatsRow {
  total: number;
  byStatus: number[];
  overdue: number;
  escalated1: number;
  escalated2: number;
  resolved: number;
  resolvedOnTime: number;
  acknowledgeHours: number[];
  resolveHours: number[];
  resolvedAfterExtension: number;
  resolveWorkingDays: number[];
  resolveWorkingDaysSum: number;
  reopened: number;
}

export interface Durations {
  count: number;
  /** Hours, estimated from the histogram (within a bucket's width, about ±15 %). */
  median: number | null;
  p90: number | null;
}

export interface Metrics {
  total: number;
  /** Not closed. */
  open: number;
  byStatus: Record<RecommendationStatus, number>;
  /** Past a deadline now. */
  overdue: number;
  /** Items whose highest escalation reached level 1 only, and level 2. */
  escalated: { level1: number; level2: number };
  resolved: number;
  /** Resolved by the deadline in force: on time plus on time after an approved extension. */
  resolvedOnTime: number;
  /** Share of resolved items resolved by the deadline in force; null before any is resolved. */
  onTimeRate: number | null;
  /** The three-way KPI of the resolved items (libs/domain kpi.ts), and each one's share. */
  timeliness: TimelinessCounts;
  timelinessShares: Record<keyof TimelinessCounts, number | null>;
  acknowledgeHours: Durations;
  resolveHours: Durations;
  /** Time to resolve in working days on the SLA calendar: median and mean. */
  resolveWorkingDays: WorkingDayFigures;
  /** Items reopened by their cadre at least once (libs/domain kpi.ts), and their share of the resolved. */
  reopened: number;
  reopenedShare: number | null;
}

export function emptyStats(): StatsRow {
  return {
    total: 0,
    byStatus: new Array(STATS_STATUS_ORDER.length).fill(0),
    overdue: 0,
    escalated1: 0,
    escalated2: 0,
    resolved: 0,
    resolvedOnTime: 0,
    acknowledgeHours: new Array(HOURS_BUCKETS).fill(0),
    resolveHours: new Array(HOURS_BUCKETS).fill(0),
    resolvedAfterExtension: 0,
    resolveWorkingDays: new Array(WORKING_DAYS_SLOTS).fill(0),
    resolveWorkingDaysSum: 0,
    reopened: 0,
  };
}

/** Adds `row` into `into`, in place. */
export function addStats(into: StatsRow, row: StatsRow): StatsRow {
  into.total += row.total;
  into.overdue += row.overdue;
  into.escalated1 += row.escalated1;
  into.escalated2 += row.escalated2;
  into.resolved += row.resolved;
  into.resolvedOnTime += row.resolvedOnTime;
  into.resolvedAfterExtension += row.resolvedAfterExtension;
  into.resolveWorkingDaysSum += row.resolveWorkingDaysSum;
  into.reopened += row.reopened;
  row.resolveWorkingDays.forEach((n, i) => (into.resolveWorkingDays[i] += n));
  row.byStatus.forEach((n, i) => (into.byStatus[i] += n));
  row.acknowledgeHours.forEach((n, i) => (into.acknowledgeHours[i] += n));
  row.resolveHours.forEach((n, i) => (into.resolveHours[i] += n));
  return into;
}

/** Bounds in hours of histogram bucket `i` (0-based): under an hour, then ×1.3 each. */
export function bucketBounds(i: number): [number, number] {
  if (i === 0) return [0, 1];
  return [HOURS_BUCKET_GROWTH ** (i - 1), HOURS_BUCKET_GROWTH ** i];
}

/** The q-quantile of a histogram, interpolated linearly inside its bucket; null when it is empty. */
export function quantile(histogram: number[], q: number): number | null {
  const count = histogram.reduce((a, b) => a + b, 0);
  if (count === 0) return null;
  const rank = q * count;
  let below = 0;
  for (let i = 0; i < histogram.length; i++) {
    const n = histogram[i];
    if (n > 0 && below + n >= rank) {
      const [low, high] = bucketBounds(i);
      return Math.round((low + ((high - low) * (rank - below)) / n) * 10) / 10;
    }
    below += n;
  }
  return bucketBounds(histogram.length - 1)[0];
}

function durations(histogram: number[]): Durations {
  return {
    count: histogram.reduce((a, b) => a + b, 0),
    median: quantile(histogram, 0.5),
    p90: quantile(histogram, 0.9),
  };
}

export function toMetrics(s: StatsRow): Metrics {
  const byStatus = Object.fromEntries(RECOMMENDATION_STATUSES.map((status) => [status, 0])) as Record<
    RecommendationStatus,
    number
  >;
  STATS_STATUS_ORDER.forEach((status, i) => (byStatus[status] += s.byStatus[i]));
  const timeliness = timelinessCounts(s.resolved, s.resolvedOnTime, s.resolvedAfterExtension);
  return {
    total: s.total,
    open: s.total - byStatus.closed,
    byStatus,
    overdue: s.overdue,
    escalated: { level1: s.escalated1, level2: s.escalated2 },
    resolved: s.resolved,
    resolvedOnTime: s.resolvedOnTime,
    onTimeRate: s.resolved > 0 ? Math.round((s.resolvedOnTime / s.resolved) * 1000) / 1000 : null,
    timeliness,
    timelinessShares: timelinessShares(timeliness),
    acknowledgeHours: durations(s.acknowledgeHours),
    resolveHours: durations(s.resolveHours),
    resolveWorkingDays: workingDayFigures(s.resolveWorkingDays, s.resolveWorkingDaysSum),
    reopened: s.reopened,
    reopenedShare: reopenedShare(s.reopened, s.resolved),
  };
}
