import {
  quarterAfter,
  quarterBefore,
  quarterDates,
  timelinessCounts,
  workingDayFigures,
  workingDaysHistogram,
  type Quarter,
  type TimelinessCounts,
  type WorkingDayFigures,
} from '@ngk/domain';
import { QuarterlyReportRepository, type QuarterBounds, type Queryable } from './quarterly-report.repository';

export type ReportScope =
  { kind: 'province' } | { kind: 'unit'; unitId: string } | { kind: 'district'; unitId: string };

export interface UnitLine {
  unitId: string | null;
  code: string | null;
  nameVi: string;
  nameEn: string;
  newCount: number;
  resolved: number;
  /** Resolved by the deadline in force: on time plus on time after an approved extension. */
  resolvedOnTime: number;
  onTimeRate: number | null;
  /** The three-way KPI of the items resolved in the quarter (libs/domain kpi.ts). */
  timeliness: TimelinessCounts;
  /** Their time to resolve in working days. */
  resolveWorkingDays: WorkingDayFigures;
  breached: number;
  escalated: number;
  overdueNow: number;
  /** Items their cadre reopened during the quarter, each once (libs/domain kpi.ts). */
  reopened: number;
}

export interface EmergingIssue {
  categoryCode: string;
  categoryVi: string;
  categoryEn: string;
  districtVi: string | null;
  districtEn: string | null;
  count: number;
  previousCount: number;
  change: number;
}

export interface OverdueItem {
  id: string;
  reference: string;
  title: string;
  leadUnitVi: string | null;
  localityVi: string;
  resolutionDueAt: string | null;
  escalationLevel: number;
}

/**
 * The short agreed format: what emerged, what came in, what was resolved (and on time, per unit), what
 * passed a deadline and what went up to the Standing Committee in the quarter, and what is still overdue.
 */
export interface QuarterlyReport {
  year: number;
  quarter: Quarter['quarter'];
  from: string;
  to: string;
  scope: { kind: ReportScope['kind']; unitId: string | null; nameVi: string; nameEn: string };
  generatedAt: string;
  summary: {
    newCount: number;
    resolved: number;
    /** Resolved by the deadline in force: on time plus on time after an approved extension. */
    resolvedOnTime: number;
    onTimeRate: number | null;
    timeliness: TimelinessCounts;
    resolveWorkingDays: WorkingDayFigures;
    closed: number;
    /** Items that passed a deadline in the quarter (level 1). */
    breached: number;
    /** Items that went to the Standing Committee in the quarter (level 2: a breach or a second dispute). */
    escalated: number;
    /** Open and overdue when the report was made. */
    overdueNow: number;
    /** Items their cadre reopened during the quarter, each once however many times. */
    reopened: number;
  };
  emergingIssues: EmergingIssue[];
  units: UnitLine[];
  overdueItems: OverdueItem[];
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

/** Median and mean working days to resolve, as the dashboard works them out. */
const figures = (days: number[]) =>
  workingDayFigures(
    workingDaysHistogram(days),
    days.reduce((a, b) => a + b, 0),
  );

/** Half-open instant bounds of a quarter in Việt Nam's time. */
function bounds(q: Quarter): [string, string] {
  const { from } = quarterDates(q);
  const next = quarterDates(quarterAfter(q));
  return [`${from}T00:00:00+07:00`, `${next.from}T00:00:00+07:00`];
}

/** Reads one quarter's report from the read model and the event log. */
export async function loadQuarterlyReport(
  db: Queryable,
  q: Quarter,
  scope: ReportScope,
  now: Date = new Date(),
): Promise<QuarterlyReport> {
  const repository = new QuarterlyReportRepository(db);
  const [start, end] = bounds(q);
  const [previousStart] = bounds(quarterBefore(q));
  const quarter: QuarterBounds = { start, end, previousStart };
  const scopeName = await repository.scopeName(scope);
  const unitRows = await repository.unitCounts(scope, quarter);
  const units: UnitLine[] = unitRows
    .map(({ closed: _closed, resolvedAfterExtension, resolveWorkingDays, ...u }) => ({
      ...u,
      onTimeRate: rate(u.resolvedOnTime, u.resolved),
      timeliness: timelinessCounts(u.resolved, u.resolvedOnTime, resolvedAfterExtension),
      resolveWorkingDays: figures(resolveWorkingDays),
    }))
    .filter((u) => u.newCount + u.resolved + u.breached + u.escalated + u.overdueNow + u.reopened > 0);
  const sum = (
    key:
      | 'newCount'
      | 'resolved'
      | 'resolvedOnTime'
      | 'resolvedAfterExtension'
      | 'closed'
      | 'breached'
      | 'escalated'
      | 'overdueNow'
      | 'reopened',
  ) => unitRows.reduce((n, u) => n + u[key], 0);

  const emergingIssues: EmergingIssue[] = (await repository.categoryCounts(scope, quarter))
    .map((e) => ({ ...e, change: e.count - e.previousCount }))
    .filter((e) => e.count > 0 && e.change > 0)
    .sort((a, b) => b.change - a.change || b.count - a.count)
    .slice(0, 5);

  const overdueItems = await repository.overdueItems(scope, quarter);

  const resolved = sum('resolved');
  const resolvedOnTime = sum('resolvedOnTime');
  const { from, to } = quarterDates(q);
  return {
    year: q.year,
    quarter: q.quarter,
    from,
    to,
    scope: {
      kind: scope.kind,
      unitId: scope.kind === 'province' ? null : scope.unitId,
      nameVi: scopeName?.nameVi ?? '',
      nameEn: scopeName?.nameEn ?? '',
    },
    generatedAt: now.toISOString(),
    summary: {
      newCount: sum('newCount'),
      resolved,
      resolvedOnTime,
      onTimeRate: rate(resolvedOnTime, resolved),
      timeliness: timelinessCounts(resolved, resolvedOnTime, sum('resolvedAfterExtension')),
      resolveWorkingDays: figures(unitRows.flatMap((u) => u.resolveWorkingDays)),
      closed: sum('closed'),
      breached: sum('breached'),
      escalated: sum('escalated'),
      overdueNow: sum('overdueNow'),
      reopened: sum('reopened'),
    },
    emergingIssues,
    units,
    overdueItems: overdueItems.map((i) => ({
      ...i,
      resolutionDueAt: i.resolutionDueAt ? new Date(i.resolutionDueAt).toISOString() : null,
    })),
  };
}
