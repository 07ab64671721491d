import { Injectable } from '@nestjs/common';
import { WorkingCalendar } from '@ngk/domain';
import { vietnamDaysOfYear } from '@ngk/domain/calendar/vietnam-holidays';
import { CalendarService } from './calendar.service';
import { ClockService } from './clock.service';

type Instant = Date | string | null | undefined;

/**
 * No countdown is counted for a date further than this from now: no working deadline lies decades away,
 * and counting day by day that far would hold the request (a date written on another clock, a
 * shortened one, lands centuries off on this one).
 */
export const COUNTDOWN_HORIZON_MS = 10 * 366 * 24 * 3_600_000;

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

  /**
   * For each deadline: working days left (0 on its day), or minus those gone by once passed; null without
   * one, or when it is further than COUNTDOWN_HORIZON_MS from now.
   */
  async of(deadlines: readonly Instant[]): Promise<(number | null)[]> {
    if (deadlines.every((d) => !d)) return deadlines.map(() => null);
    const overrides = await this.calendar.overrides();
    const calendar = new WorkingCalendar({ daysOfYear: (year) => vietnamDaysOfYear(year, overrides) });
    const now = this.clock.now();
    return deadlines.map((d) => {
      if (!d) return null;
      const due = this.clock.scale.toVirtual(new Date(d).getTime());
      return Math.abs(due - now) > COUNTDOWN_HORIZON_MS ? null : calendar.countdown(now, due);
    });
  }

  /** `workingDaysLeft` for the named deadline fields of each row, in one calendar read. */
  async annotate<T extends Record<string, unknown>>(
    rows: T[],
    fields: readonly string[],
  ): Promise<(T & { workingDaysLeft: Record<string, number | null> })[]> {
    const counts = await this.of(rows.flatMap((row) => fields.map((f) => row[f] as Instant)));
    return rows.map((row, i) => ({
      ...row,
      workingDaysLeft: Object.fromEntries(fields.map((f, j) => [f, counts[i * fields.length + j]])),
    }));
  }
}
