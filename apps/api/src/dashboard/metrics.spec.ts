import { RECOMMENDATION_STATUSES } from '@ngk/domain';
import { HOURS_BUCKETS, STATS_STATUS_ORDER } from '@ngk/persistence';
import { addStats, bucketBounds, emptyStats, quantile, toMetrics } from './metrics';

/** The bucket the database's ngk_hours_bucket puts a duration in, 0-based. */
function bucketOf(hours: number): number {
  if (hours < 1) return 0;
  return Math.min(HOURS_BUCKETS - 1, 1 + Math.floor(Math.log(hours) / Math.log(1.3)));
}

function histogram(hours: number[]): number[] {
  const h = new Array(HOURS_BUCKETS).fill(0);
  for (const x of hours) h[bucketOf(x)]++;
  return h;
}

describe('dashboard metrics', () => {
  it('keeps the summary in the order of the domain statuses', () => {
    expect([...STATS_STATUS_ORDER].sort()).toEqual([...RECOMMENDATION_STATUSES].sort());
  });

  it('bucket bounds agree with the bucket a duration falls in', () => {
    for (const hours of [0.2, 1, 1.29, 1.3, 7, 24, 100, 500, 2000]) {
      const [low, high] = bucketBounds(bucketOf(hours));
      expect(hours).toBeGreaterThanOrEqual(low - 1e-9);
      expect(hours).toBeLessThan(high + 1e-9);
    }
  });

  it('estimates median and p90 within a bucket of the exact values', () => {
    const hours = Array.from({ length: 1000 }, (_, i) => 2 + ((i * 7919) % 1000) / 5); // 2 … 201.8 h
    const exact = (q: number) => [...hours].sort((a, b) => a - b)[Math.ceil(q * hours.length) - 1];
    for (const q of [0.5, 0.9]) {
      const estimate = quantile(histogram(hours), q)!;
      expect(Math.abs(estimate - exact(q)) / exact(q)).toBeLessThan(0.3);
    }
  });

  it('has no quantile for an empty histogram, and one value is its own bucket', () => {
    expect(quantile(new Array(HOURS_BUCKETS).fill(0), 0.5)).toBeNull();
    const one = quantile(histogram([10]), 0.5)!;
    const [low, high] = bucketBounds(bucketOf(10));
    expect(one).toBeGreaterThanOrEqual(low);
    expect(one).toBeLessThanOrEqual(high);
  });

  it('adds rows and reads counts, open items and the on-time rate', () => {
    const a = emptyStats();
    a.total = 3;
    a.byStatus[STATS_STATUS_ORDER.indexOf('closed')] = 1;
    a.byStatus[STATS_STATUS_ORDER.indexOf('in-progress')] = 2;
    a.resolved = 1;
    a.resolvedOnTime = 1;
    a.escalated2 = 1;
    const b = emptyStats();
    b.total = 1;
    b.byStatus[STATS_STATUS_ORDER.indexOf('routed')] = 1;
    b.overdue = 1;
    b.resolved = 2;
    b.resolvedOnTime = 0;
    const m = toMetrics(addStats(addStats(emptyStats(), a), b));
    expect(m).toMatchObject({
      total: 4,
      open: 3,
      overdue: 1,
      escalated: { level1: 0, level2: 1 },
      resolved: 3,
      resolvedOnTime: 1,
      onTimeRate: 0.333,
    });
    expect(m.byStatus).toMatchObject({ closed: 1, 'in-progress': 2, routed: 1, triage: 0 });
    expect(toMetrics(emptyStats()).onTimeRate).toBeNull();
  });

  it('splits resolved items three ways and sums working days to resolve', () => {
    const a = emptyStats();
    a.resolved = 4;
    a.resolvedOnTime = 3;
    a.resolvedAfterExtension = 1;
    a.resolveWorkingDays[2] = 2;
    a.resolveWorkingDays[7] = 2;
    a.resolveWorkingDaysSum = 18;
    const b = emptyStats();
    b.resolved = 1;
    b.resolvedOnTime = 1;
    b.resolvedAfterExtension = 1;
    b.resolveWorkingDays[3] = 1;
    b.resolveWorkingDaysSum = 3;
    const m = toMetrics(addStats(addStats(emptyStats(), a), b));
    expect(m.timeliness).toEqual({ onTime: 2, onTimeAfterExtension: 2, late: 1 });
    expect(m.timelinessShares).toEqual({ onTime: 0.4, onTimeAfterExtension: 0.4, late: 0.2 });
    expect(m.resolveWorkingDays).toEqual({ count: 5, median: 3, mean: 4.2 });
    expect(toMetrics(emptyStats()).resolveWorkingDays).toEqual({ count: 0, median: null, mean: null });
  });

  it('adds up reopened items and takes their share of the resolved', () => {
    const a = emptyStats();
    a.resolved = 3;
    a.reopened = 1;
    const b = emptyStats();
    b.resolved = 5;
    b.reopened = 1;
    const m = toMetrics(addStats(addStats(emptyStats(), a), b));
    expect(m).toMatchObject({ reopened: 2, reopenedShare: 0.25 });
    expect(toMetrics(emptyStats())).toMatchObject({ reopened: 0, reopenedShare: null });
  });
});
