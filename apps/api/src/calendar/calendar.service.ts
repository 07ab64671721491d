import { Injectable } from '@nestjs/common';
import { addDays, dayOfWeek, WorkingCalendar, type CalendarDay } from '@ngk/domain';
import { VIETNAM_STATUTORY_HOLIDAYS, vietnamDaysOfYear } from '@ngk/domain/calendar/vietnam-holidays';
import type { Actor } from '../common/actor';
import { invalidField } from '../common/validation';
import type { CalendarOverrideDto } from './calendar.dto';
import { CalendarRepository, type OverrideRow } from './calendar.repository';
import { notFound } from '../common/error-codes';

/** Longest range one calendar request may cover. */
const MAX_RANGE_DAYS = 366;

/** The working calendar deadlines are counted on: the statute, and the overrides admins keep. */
@Injectable()
export class CalendarService {
  /** The calendar last made, and the overrides it was made with. */
  private kept: { overrides: string; calendar: WorkingCalendar } | null = null;

  constructor(private readonly repository: CalendarRepository) {}

  /** Every day in the range that is not an ordinary weekday or weekend, and the count of working days. */
  async range(from: string, to: string) {
    if (to < from) throw invalidField('to', 'range.end-before-start', 'to must not be before from');
    const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    if (span >= MAX_RANGE_DAYS) {
      throw invalidField('to', 'range.too-long', `a range covers at most ${MAX_RANGE_DAYS} days`);
    }
    const { overrides, calendar } = await this.reading();
    const byDate = new Map(overrides.map((o) => [o.date, o]));
    const days: (CalendarDay & { source: 'statute' | 'override'; legalBasis: string | null })[] = [];
    let workingDays = 0;
    for (let date = from; date <= to; date = addDays(date, 1)) {
      const working = calendar.isWorkingDay(date);
      if (working) workingDays++;
      const entry = calendar.entry(date);
      const weekend = dayOfWeek(date) === 0 || dayOfWeek(date) === 6;
      if (!entry || (entry.kind === 'holiday' && weekend && !byDate.has(date))) continue;
      const override = byDate.get(date);
      days.push({
        date,
        kind: entry.kind,
        name: entry.name,
        source: override ? 'override' : 'statute',
        legalBasis: override ? override.legalBasis : VIETNAM_STATUTORY_HOLIDAYS.legalBasis,
      });
    }
    return { from, to, workingDays, days };
  }

  overrides(): Promise<OverrideRow[]> {
    return this.repository.overrides();
  }

  /**
   * The overrides as they stand, and the working calendar they make. The calendar is made again only
   * when they have changed since the last reading: working out a year's days off costs more than every
   * countdown of a page, and the overrides change a few times a year.
   */
  async reading(): Promise<{ overrides: OverrideRow[]; calendar: WorkingCalendar }> {
    const overrides = await this.overrides();
    const key = JSON.stringify(overrides);
    if (this.kept?.overrides !== key) {
      const calendar = new WorkingCalendar({ daysOfYear: (year) => vietnamDaysOfYear(year, overrides) });
      this.kept = { overrides: key, calendar };
    }
    return { overrides, calendar: this.kept.calendar };
  }

  /**
   * Sets one day; deadlines computed from now on count with it, earlier ones keep their dates. The change
   * and its audit record are written together or not at all.
   */
  async setOverride(actor: Actor, date: string, body: CalendarOverrideDto): Promise<OverrideRow> {
    if (body.kind === 'working' && dayOfWeek(date) !== 0 && dayOfWeek(date) !== 6) {
      const statutory = vietnamDaysOfYear(Number(date.slice(0, 4)), []).some((d) => d.date === date);
      if (!statutory) {
        throw invalidField('kind', 'calendar.already-working-day', `${date} is already a working day`);
      }
    }
    return this.repository.transaction(async (tx) => {
      const before = await tx.lockOverride(date);
      const row = await tx.upsertOverride(date, {
        kind: body.kind,
        name: body.name,
        legalBasis: body.legalBasis ?? null,
      });
      await tx.audit(actor, {
        entity: 'calendar_override',
        key: date,
        action: before ? 'update' : 'create',
        before: before ?? null,
        after: row,
      });
      return row;
    });
  }

  async removeOverride(actor: Actor, date: string): Promise<void> {
    await this.repository.transaction(async (tx) => {
      const before = await tx.lockOverride(date);
      if (!before) throw notFound('calendar-override.not-found', `no calendar override on ${date}`);
      await tx.deleteOverride(date);
      await tx.audit(actor, {
        entity: 'calendar_override',
        key: date,
        action: 'delete',
        before,
        after: null,
      });
    });
  }

  slaPolicies() {
    return this.repository.slaPolicies();
  }
}
