/** A stretch of summary rows at one grain: period starts from `start` to `end`, both included. */
export interface PeriodSegment {
  grain: 'year' | 'month' | 'day';
  start: string;
  end: string;
}

const EARLIEST = '0001-01-01';
const LATEST = '9999-12-31';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const monthStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const nextMonth = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
const nextYear = (d: Date) => new Date(Date.UTC(d.getUTCFullYear() + 1, 0, 1));

/**
 * The fewest summary rows that cover the days from `from` to `to` (both included; either may be open):
 * the days before the first whole month, the months before the first whole year, whole years, then
 * months and days again at the end. At most five segments, so a period costs the same whatever it spans.
 */
export function periodSegments(from: string | null, to: string | null): PeriodSegment[] {
  const last = day(to ?? LATEST);
  let cur = day(from ?? EARLIEST);
  const segments: PeriodSegment[] = [];
  const push = (grain: PeriodSegment['grain'], start: Date, end: Date) =>
    segments.push({ grain, start: iso(start), end: iso(end) });

  const monthEnd = (d: Date) => addDays(nextMonth(d), -1);
  const previousMonth = (d: Date) => monthStart(addDays(d, -1));

  // Leading days, up to the first month that lies wholly inside.
  if (cur.getUTCDate() !== 1 || monthEnd(cur) > last) {
    const end = monthEnd(cur) < last ? monthEnd(cur) : last;
    push('day', cur, end);
    cur = addDays(end, 1);
  }
  // Leading months, up to January.
  const headMonths = cur;
  while (cur <= last && cur.getUTCMonth() !== 0 && monthEnd(cur) <= last) cur = nextMonth(cur);
  if (cur > headMonths) push('month', headMonths, previousMonth(cur));
  // Whole years.
  const years = cur;
  while (addDays(nextYear(cur), -1) <= last) cur = nextYear(cur);
  if (cur > years) push('year', years, new Date(Date.UTC(cur.getUTCFullYear() - 1, 0, 1)));
  // Trailing months, then trailing days.
  const tailMonths = cur;
  while (monthEnd(cur) <= last) cur = nextMonth(cur);
  if (cur > tailMonths) push('month', tailMonths, previousMonth(cur));
  if (cur <= last) push('day', cur, last);
  return segments;
}
