import { addDays, type LocalDate, type WorkingCalendar } from './calendar/working-calendar';

/** How often a cadre reports on each commune: the province's policy, one of these. */
export const REPORT_PERIOD_KINDS = ['month', 'quarter'] as const;
export type ReportPeriodKind = (typeof REPORT_PERIOD_KINDS)[number];

/** The free note of the agreed short report: a few lines, not a copy of the commune's own report. */
export const REPORT_NOTE_MAX = 1500;
/** Emerging issues and field visits one report may list: short by design. */
export const REPORT_ISSUES_MAX = 20;
export const REPORT_VISITS_MAX = 40;
/** Longest text of one emerging issue, and of one visit's purpose or amendment. */
export const REPORT_ISSUE_TEXT_MAX = 2000;

/** One reporting period: its first and last day, both included. */
export interface ReportPeriod {
  kind: ReportPeriodKind;
  start: LocalDate;
  end: LocalDate;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The period of this kind that holds a date. */
export function periodHolding(kind: ReportPeriodKind, date: LocalDate): ReportPeriod {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const first = kind === 'month' ? month : Math.floor((month - 1) / 3) * 3 + 1;
  const months = kind === 'month' ? 1 : 3;
  const start = `${year}-${pad(first)}-01`;
  const end = new Date(Date.UTC(year, first - 1 + months, 0)).toISOString().slice(0, 10);
  return { kind, start, end };
}

/** The period of this kind that starts on `start`, or null when no period starts that day. */
export function periodStartingOn(kind: ReportPeriodKind, start: LocalDate): ReportPeriod | null {
  const period = periodHolding(kind, start);
  return period.start === start ? period : null;
}

/**
 * The period that ended the day before `today`, or null when yesterday ended none (a monthly run on a
 * quarterly policy outside a quarter's first day).
 */
export function periodJustEnded(kind: ReportPeriodKind, today: LocalDate): ReportPeriod | null {
  const period = periodHolding(kind, addDays(today, -1));
  return period.end === addDays(today, -1) ? period : null;
}

/** The day a period's report falls due: so many working days after the period's last day. */
export function reportDueDate(
  calendar: WorkingCalendar,
  period: ReportPeriod,
  workingDays: number,
): LocalDate {
  return calendar.nthWorkingDayAfter(period.end, workingDays);
}

/** Where a report stands, as the Organization Board reads it. */
export type ReportStanding = 'open' | 'draft' | 'overdue' | 'on-time' | 'late';

/** An instant as the database or JSON gives it; Date.parse of a Date would drop its milliseconds. */
type Instant = string | Date;
const ms = (at: Instant) => new Date(at).getTime();

export function reportStanding(report: {
  status: 'open' | 'draft' | 'submitted';
  dueAt: Instant;
  submittedAt: Instant | null;
  overdueAt: Instant | null;
}): ReportStanding {
  if (report.submittedAt) return ms(report.submittedAt) > ms(report.dueAt) ? 'late' : 'on-time';
  if (report.overdueAt) return 'overdue';
  return report.status === 'draft' ? 'draft' : 'open';
}

/** A period named as people write it: "11/2026" for a month, "Quý 4/2026" or "Q4 2026" for a quarter. */
export function periodLabel(period: { kind: ReportPeriodKind; start: LocalDate }, lang: 'vi' | 'en'): string {
  const year = period.start.slice(0, 4);
  const month = Number(period.start.slice(5, 7));
  if (period.kind === 'month') return lang === 'vi' ? `tháng ${month}/${year}` : `${year}-${pad(month)}`;
  const quarter = Math.floor((month - 1) / 3) + 1;
  return lang === 'vi' ? `quý ${quarter}/${year}` : `Q${quarter} ${year}`;
}
