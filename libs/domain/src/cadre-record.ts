import { workingDayFigures, workingDaysHistogram, type WorkingDayFigures } from './kpi';
import { reportStanding } from './cadre-reports';
import { quarterDates, type Quarter } from './quarters';
import type { Outcome } from './recommendation';

/**
 * Each cadre's record for the Organization Board's evaluation: every figure is defined here once, and
 * the API, the XLSX and the printed page show what these functions count.
 */

/** A quarter of a year, or the whole year when `quarter` is null. */
export interface RecordPeriod {
  year: number;
  quarter: Quarter['quarter'] | null;
}

/** First and last day of the period (YYYY-MM-DD, both included). */
export function recordPeriodDates({ year, quarter }: RecordPeriod): { from: string; to: string } {
  return quarter === null ? { from: `${year}-01-01`, to: `${year}-12-31` } : quarterDates({ year, quarter });
}

/** Half-open instant bounds of the period in Việt Nam's time, in milliseconds. */
export function recordPeriodInstants(period: RecordPeriod): { start: number; end: number } {
  const { from, to } = recordPeriodDates(period);
  const start = Date.parse(`${from}T00:00:00+07:00`);
  return { start, end: Date.parse(`${to}T00:00:00+07:00`) + 86_400_000 };
}

export interface ReportFigures {
  onTime: number;
  late: number;
  /** Past its deadline unsubmitted (the report's `overdue` standing). */
  overdue: number;
  /** Not yet due: not started or a draft. */
  open: number;
  /** The field visits the submitted reports list. */
  fieldVisits: number;
}

/**
 * The reports of the period (the caller selects them by their period's first day) and their field
 * visits, each report counted by its one standing (cadre-reports.ts), as the Organization Board sees it.
 */
export function reportFigures(
  reports: readonly (Parameters<typeof reportStanding>[0] & { fieldVisits: number })[],
): ReportFigures {
  const figures: ReportFigures = { onTime: 0, late: 0, overdue: 0, open: 0, fieldVisits: 0 };
  const counted = {
    'on-time': 'onTime',
    late: 'late',
    overdue: 'overdue',
    draft: 'open',
    open: 'open',
  } as const;
  for (const r of reports) {
    figures[counted[reportStanding(r)]]++;
    if (r.submittedAt !== null) figures.fieldVisits += r.fieldVisits;
  }
  return figures;
}

/** Outcomes that take up the cadre's proposal, wholly, as a plan, or in part. */
export const ACCEPTING_OUTCOMES: readonly Outcome[] = ['implemented', 'planned', 'partly-accepted'];

/** What the record needs of one of the cadre's items (the ones they submitted). */
export interface RecordItem {
  createdAt: number;
  resolvedAt: number | null;
  outcome: Outcome | null;
  /** Working days it took to resolve, on the SLA calendar (the read model's resolve_working_days). */
  resolveWorkingDays: number | null;
  /** The first time its cadre confirmed the plan was carried out (event `verified`). */
  verifiedAt: number | null;
}

export interface RecommendationFigures {
  /** Submitted in the period. */
  raised: number;
  /** Resolved in the period with an outcome that takes the proposal up (ACCEPTING_OUTCOMES). */
  accepted: number;
  /** Resolved in the period as implemented. */
  implemented: number;
  /** Confirmed done by the cadre in the period. */
  verified: number;
  /** Time to resolve of the items resolved in the period, as the dashboard and quarterly report count it. */
  resolveWorkingDays: WorkingDayFigures;
}

export function recommendationFigures(
  items: readonly RecordItem[],
  bounds: { start: number; end: number },
): RecommendationFigures {
  const within = (at: number | null) => at !== null && at >= bounds.start && at < bounds.end;
  const resolved = items.filter((i) => within(i.resolvedAt));
  const days = resolved.flatMap((i) => (i.resolveWorkingDays === null ? [] : [i.resolveWorkingDays]));
  return {
    raised: items.filter((i) => within(i.createdAt)).length,
    accepted: resolved.filter((i) => i.outcome !== null && ACCEPTING_OUTCOMES.includes(i.outcome)).length,
    implemented: resolved.filter((i) => i.outcome === 'implemented').length,
    verified: items.filter((i) => within(i.verifiedAt)).length,
    resolveWorkingDays: workingDayFigures(
      workingDaysHistogram(days),
      days.reduce((a, b) => a + b, 0),
    ),
  };
}
