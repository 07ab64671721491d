import { Injectable } from '@nestjs/common';
import { WorkingCalendar } from '@ngk/domain';
import { CalendarService } from './calendar.service';
import { ClockService } from './clock.service';

type Instant = Date | string | null | undefined;

/**
 * No countdown is counted for a date further than this from now: no working deadline lies decades away,
 * and counting day by day that far would hold the request (a date written on another clock, a
 * shortened one, lands centuries off on this one).
 */
export const COUNTDOWN_HORIZON_MS = 10 * 366 * 24 * 3_600_000;

/** Working-day countdowns on one reading of the calendar: as many as a request needs, read once. */
export class Countdowns {
  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly clock: ClockService,
    private readonly now: number,
  ) {}

  /**
   * For each deadline: working days left (0 on its day), or minus those gone by once passed; null without
   * one, or when it is further than COUNTDOWN_HORIZON_MS from now.
   */
  of(deadlines: readonly Instant[]): (number | null)[] {
    return deadlines.map((d) => {
      if (!d) return null;
      const due = this.clock.scale.toVirtual(new Date(d).getTime());
      return Math.abs(due - this.now) > COUNTDOWN_HORIZON_MS ? null : this.calendar.countdown(this.now, due);
    });
  }

  /** `workingDaysLeft` for the named deadline fields of each row. */
  annotate<T extends Record<string, unknown>>(
    rows: T[],
    fields: readonly string[],
  ): (T & { workingDaysLeft: Record<string, number | null> })[] {
    const counts = this.of(rows.flatMap((row) => fields.map((f) => row[f] as Instant)));
    return rows.map((row, i) => ({
      ...row,
      workingDaysLeft: Object.fromEntries(fields.map((f, j) => [f, counts[i * fields.length + j]])),
    }));
  }
}

/**
 * Countdowns in working days, as deadlines are counted: on the calendar with its overrides, and on the
 * clock the workflows run on (a demo's shortened clock included), so "3 working days left" means what
 * the deadline means.
 */
@Injectable()
export class CountdownsService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly clock: ClockService,
  ) {}

  /** The calendar read once, for every countdown one answer needs. */
  async reading(): Promise<Countdowns> {
    const { calendar } = await this.calendar.reading();
    return new Countdowns(calendar, this.clock, this.clock.now());
  }

  /** Countdowns.of, on the calendar as it is now; no read when there is no deadline. */
  async of(deadlines: readonly Instant[]): Promise<(number | null)[]> {
    if (deadlines.every((d) => !d)) return deadlines.map(() => null);
    return (await this.reading()).of(deadlines);
  }

  /** Countdowns.annotate, in one calendar read. */
  async annotate<T extends Record<string, unknown>>(
    rows: T[],
    fields: readonly string[],
  ): Promise<(T & { workingDaysLeft: Record<string, number | null> })[]> {
    const none = rows.every((row) => fields.every((f) => !row[f]));
    if (none)
      return rows.map((row) => ({
        ...row,
        workingDaysLeft: Object.fromEntries(fields.map((f) => [f, null])),
      }));
    return (await this.reading()).annotate(rows, fields);
  }
}
