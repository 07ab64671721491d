/**
 * Working-day arithmetic in Việt Nam (UTC+7 all year: no daylight saving, so a fixed offset is exact).
 *
 * Rules, as a provincial office applies them:
 * - a day is a working day unless it is a Saturday, a Sunday or a day off, and a make-up working day
 *   announced by the government is a working day even on a weekend;
 * - work received on a day off, or at or after the cut-off hour (17:00), counts as received on the next
 *   working day (its "effective day");
 * - "N working days from t" ends at the cut-off hour of the Nth working day after t's effective day; with
 *   N = 0 it ends at the cut-off of the effective day itself.
 */
export const VIETNAM_UTC_OFFSET_MS = 7 * 3_600_000;

/**
 * The years the working calendar is asked about: deadlines, plan dates and the calendar's own routes.
 * The same span as budget and report years; beyond year 9999 dates stop being `YYYY-MM-DD`, and the
 * holiday tables read years below 100 as 19xx.
 */
export const CALENDAR_YEARS = { first: 2000, last: 2100 } as const;
const DAY_MS = 86_400_000;

/** A local date, `YYYY-MM-DD`. */
export type LocalDate = string;

/** What the calendar knows about a date beyond the weekly rest days. */
export interface CalendarDay {
  date: LocalDate;
  kind: 'holiday' | 'working';
  name: string;
}

/** A reminder point: so many working days before a deadline's day, at a local time of day. */
export interface ReminderPoint {
  workingDaysBefore: number;
  at: string;
}

export interface WorkingCalendarOptions {
  /** Days off and make-up working days of one year; called once per year and cached. */
  daysOfYear: (year: number) => readonly CalendarDay[];
  /** Local time, `HH:MM`, after which work counts from the next working day; also the end of a due day. */
  cutoff?: string;
}

/**
 * Days are counted as whole numbers (days since 1970-01-01) rather than as date strings: a countdown walks
 * every day up to its deadline, and a step is then a lookup and some arithmetic, not a date parsed and
 * printed again.
 */
export class WorkingCalendar {
  /** Each year's entries by day number, for the years asked about so far. */
  private readonly entries = new Map<number, CalendarDay>();
  private readonly loadedYears = new Set<number>();
  /** The day numbers of the year last looked up: most steps stay within it. */
  private year = { first: 1, last: 0 };
  private readonly cutoffMinutes: number;

  constructor(private readonly options: WorkingCalendarOptions) {
    this.cutoffMinutes = minutesOf(options.cutoff ?? '17:00');
  }

  /** The calendar entry of a date (holiday or make-up working day), if any. */
  entry(date: LocalDate): CalendarDay | undefined {
    return this.entryOf(dayNumber(date));
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.isWorking(dayNumber(date));
  }

  nextWorkingDay(date: LocalDate): LocalDate {
    return dateOf(this.next(dayNumber(date)));
  }

  previousWorkingDay(date: LocalDate): LocalDate {
    return dateOf(this.previous(dayNumber(date)));
  }

  /** The working day an instant counts as: its own day before the cut-off on a working day, else the next. */
  effectiveDay(at: number): LocalDate {
    return dateOf(this.effective(at));
  }

  /** The instant N working days after `from` ends (the cut-off hour of that day). */
  addWorkingDays(from: number, workingDays: number): number {
    return this.cutoffOf(this.stepForward(this.effective(from), checkedSteps(workingDays)));
  }

  /** The Nth working day after a date: the date itself for N = 0, whether it is a working day or not. */
  nthWorkingDayAfter(date: LocalDate, workingDays: number): LocalDate {
    return dateOf(this.stepForward(dayNumber(date), checkedSteps(workingDays)));
  }

  /** The Nth working day before a date: the date itself for N = 0, whether it is a working day or not. */
  nthWorkingDayBefore(date: LocalDate, workingDays: number): LocalDate {
    return dateOf(this.stepBack(dayNumber(date), checkedSteps(workingDays)));
  }

  /**
   * Whole working days left before a deadline: the inverse of `addWorkingDays`, so a clock paused at `at`
   * and resumed later with `addWorkingDays(resumedAt, left)` keeps the time it had. 0 once the deadline's
   * day is reached or passed.
   */
  workingDaysLeft(at: number, dueAt: number): number {
    const dueDay = localDay(dueAt);
    let day = this.effective(at);
    let left = 0;
    while (day < dueDay) {
      day = this.next(day);
      if (day <= dueDay) left++;
    }
    return left;
  }

  /**
   * What a countdown shows at `at`: the whole working days left before the deadline (0 on its own
   * day), or, once it has passed, minus the whole working days gone by since (0 until one has).
   */
  countdown(at: number, dueAt: number): number {
    return at <= dueAt ? this.workingDaysLeft(at, dueAt) : -this.workingDaysBetween(dueAt, at) || 0;
  }

  /** Working days between two instants' effective days; negative when `to` is earlier. */
  workingDaysBetween(from: number, to: number): number {
    const a = this.effective(from);
    const b = this.effective(to);
    if (a === b) return 0;
    const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1];
    let n = 0;
    for (let d = lo; d < hi; d = this.next(d)) n++;
    return n * sign;
  }

  /** When to remind before a deadline: each point's working day before the due day, at its local time. */
  reminderTimes(dueAt: number, points: readonly ReminderPoint[]): number[] {
    const dueDay = localDay(dueAt);
    const times = points.map((point) => {
      const day = this.stepBack(
        this.isWorking(dueDay) ? dueDay : this.previous(dueDay),
        point.workingDaysBefore,
      );
      return atLocalTime(dateOf(day), point.at);
    });
    return [...new Set(times.filter((t) => t < dueAt))].sort((a, b) => a - b);
  }

  /** The cut-off instant of a local date: when a deadline on that day ends. */
  endOfDay(date: LocalDate): number {
    return this.cutoffOf(dayNumber(date));
  }

  private entryOf(day: number): CalendarDay | undefined {
    if (day < this.year.first || day > this.year.last) this.enterYearOf(day);
    return this.entries.get(day);
  }

  /** Loads the year of `day` on first use. An entry dated in another year is not that year's to give. */
  private enterYearOf(day: number): void {
    const year = new Date(day * DAY_MS).getUTCFullYear();
    this.year = { first: Date.UTC(year, 0, 1) / DAY_MS, last: Date.UTC(year + 1, 0, 1) / DAY_MS - 1 };
    if (this.loadedYears.has(year)) return;
    this.loadedYears.add(year);
    for (const entry of this.options.daysOfYear(year)) {
      const n = dayNumber(entry.date);
      if (n >= this.year.first && n <= this.year.last) this.entries.set(n, entry);
    }
  }

  private isWorking(day: number): boolean {
    const entry = this.entryOf(day);
    if (entry) return entry.kind === 'working';
    const weekday = weekdayOf(day);
    return weekday !== 0 && weekday !== 6;
  }

  private next(day: number): number {
    let d = day + 1;
    while (!this.isWorking(d)) d++;
    return d;
  }

  private previous(day: number): number {
    let d = day - 1;
    while (!this.isWorking(d)) d--;
    return d;
  }

  private stepForward(day: number, workingDays: number): number {
    let d = day;
    for (let i = workingDays; i > 0; i--) d = this.next(d);
    return d;
  }

  private stepBack(day: number, workingDays: number): number {
    let d = day;
    for (let i = workingDays; i > 0; i--) d = this.previous(d);
    return d;
  }

  private effective(at: number): number {
    const day = localDay(at);
    const minutes = Math.floor((at + VIETNAM_UTC_OFFSET_MS - day * DAY_MS) / 60_000);
    return this.isWorking(day) && minutes < this.cutoffMinutes ? day : this.next(day);
  }

  private cutoffOf(day: number): number {
    return startOfLocalDay(day) + this.cutoffMinutes * 60_000;
  }
}

function checkedSteps(workingDays: number): number {
  if (!Number.isInteger(workingDays) || workingDays < 0) {
    throw new RangeError(`workingDays must be a whole number ≥ 0, got ${workingDays}`);
  }
  return workingDays;
}

/** Days since 1970-01-01 of a local date. */
function dayNumber(date: LocalDate): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function dateOf(day: number): LocalDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The local day number of an instant in Việt Nam. */
function localDay(at: number): number {
  if (!Number.isFinite(at)) throw new RangeError(`an instant must be a finite number, got ${at}`);
  return Math.floor((at + VIETNAM_UTC_OFFSET_MS) / DAY_MS);
}

/** The instant a local day starts. */
function startOfLocalDay(day: number): number {
  return day * DAY_MS - VIETNAM_UTC_OFFSET_MS;
}

/** 0 = Sunday … 6 = Saturday; day 0, 1 January 1970, was a Thursday. */
function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The local date of an instant in Việt Nam. */
export function localDate(at: number): LocalDate {
  return new Date(at + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of a local time (`HH:MM`) on a local date. */
export function atLocalTime(date: LocalDate, time: string): number {
  return Date.parse(`${date}T00:00:00Z`) - VIETNAM_UTC_OFFSET_MS + minutesOf(time) * 60_000;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function minutesOf(time: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`time must be HH:MM, got "${time}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}
