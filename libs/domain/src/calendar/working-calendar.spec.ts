import { vietnamDaysOfYear, vietnamStatutoryDaysOff } from './vietnam-holidays';
import { SlaClock } from './sla-clock';
import { TimeScale } from './time-scale';
import fc from 'fast-check';
import {
  WorkingCalendar,
  addDays,
  atLocalTime,
  dayOfWeek,
  localDate,
  type CalendarDay,
  type LocalDate,
  type ReminderPoint,
  type WorkingCalendarOptions,
  VIETNAM_UTC_OFFSET_MS,
} from './working-calendar';

/** An instant given in Việt Nam local time. */
const vn = (local: string) => Date.parse(`${local}+07:00`);
const iso = (at: number) => new Date(at).toISOString();
const calendar = (overrides: CalendarDay[] = []) =>
  new WorkingCalendar({ daysOfYear: (year) => vietnamDaysOfYear(year, overrides) });

describe('Vietnamese statutory days off (Labor Code 2019, Art. 112)', () => {
  it('gives 11 days a year: New Year 1, Tết 5, Hùng Kings 1, 30/4, 1/5, National Day 2', () => {
    const own = (year: number) => vietnamStatutoryDaysOff(year).filter((d) => !d.name.startsWith('Nghỉ bù'));
    expect(own(2026)).toHaveLength(11);
    expect(own(2027)).toHaveLength(11);
  });

  it('Tết Bính Ngọ 2026: 16–20 February off, so the office is closed from Saturday 14 to Sunday 22', () => {
    const c = calendar();
    const closed = ['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19'];
    for (const d of [...closed, '2026-02-20', '2026-02-21', '2026-02-22'])
      expect(c.isWorkingDay(d)).toBe(false);
    expect(c.isWorkingDay('2026-02-13')).toBe(true);
    expect(c.isWorkingDay('2026-02-23')).toBe(true);
  });

  it('Tết Đinh Mùi 2027 falls on a weekend: two compensatory days follow (5–11 February off)', () => {
    const c = calendar();
    for (const d of ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11']) {
      expect(c.isWorkingDay(d)).toBe(false);
    }
    expect(c.isWorkingDay('2027-02-04')).toBe(true);
    expect(c.isWorkingDay('2027-02-12')).toBe(true);
  });

  it('National Day is 2 September and one adjacent day; Hùng Kings on a Sunday gives Monday off', () => {
    const c = calendar();
    expect(c.isWorkingDay('2026-09-02')).toBe(false);
    expect(c.isWorkingDay('2026-09-03')).toBe(false);
    expect(c.isWorkingDay('2026-09-04')).toBe(true);
    // 10/3 lunar 2026 is Sunday 26 April.
    expect(c.isWorkingDay('2026-04-27')).toBe(false);
    expect(c.isWorkingDay('2026-04-28')).toBe(true);
  });
});

describe('N working days from t', () => {
  const c = calendar();

  it('counts from the next day and ends at 17:00 of the Nth working day', () => {
    expect(iso(c.addWorkingDays(vn('2026-03-02T10:00:00'), 2))).toBe(iso(vn('2026-03-04T17:00:00')));
    expect(iso(c.addWorkingDays(vn('2026-03-02T10:00:00'), 0))).toBe(iso(vn('2026-03-02T17:00:00')));
  });

  it('steps whole working days from a date, over Tết 2026, either way; 0 steps keeps the date', () => {
    expect(c.nthWorkingDayAfter('2026-02-13', 1)).toBe('2026-02-23');
    expect(c.nthWorkingDayBefore('2026-02-23', 1)).toBe('2026-02-13');
    expect(c.nthWorkingDayAfter('2026-02-14', 0)).toBe('2026-02-14');
    expect(c.nthWorkingDayBefore('2026-02-14', 2)).toBe('2026-02-12');
  });

  it('after the 17:00 cut-off, counts from the next working day', () => {
    expect(iso(c.addWorkingDays(vn('2026-03-02T16:59:00'), 2))).toBe(iso(vn('2026-03-04T17:00:00')));
    expect(iso(c.addWorkingDays(vn('2026-03-02T17:00:00'), 2))).toBe(iso(vn('2026-03-05T17:00:00')));
  });

  it('skips weekends: received on Friday evening or Saturday counts from Monday', () => {
    expect(iso(c.addWorkingDays(vn('2026-03-06T18:00:00'), 1))).toBe(iso(vn('2026-03-10T17:00:00')));
    expect(iso(c.addWorkingDays(vn('2026-03-07T09:00:00'), 1))).toBe(iso(vn('2026-03-10T17:00:00')));
  });

  it('skips Tết 2026 and Tết 2027', () => {
    expect(iso(c.addWorkingDays(vn('2026-02-13T10:00:00'), 1))).toBe(iso(vn('2026-02-23T17:00:00')));
    expect(iso(c.addWorkingDays(vn('2026-02-12T10:00:00'), 5))).toBe(iso(vn('2026-02-26T17:00:00')));
    expect(iso(c.addWorkingDays(vn('2027-02-04T10:00:00'), 1))).toBe(iso(vn('2027-02-12T17:00:00')));
    expect(iso(c.addWorkingDays(vn('2027-02-01T09:00:00'), 15))).toBe(iso(vn('2027-03-01T17:00:00')));
  });

  it('treats times around UTC midnight by their local date', () => {
    // 23:30 UTC on Sunday is 06:30 Monday in Việt Nam.
    expect(localDate(Date.parse('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
    expect(iso(c.addWorkingDays(Date.parse('2026-03-01T23:30:00Z'), 1))).toBe(iso(vn('2026-03-03T17:00:00')));
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => c.addWorkingDays(vn('2026-03-02T10:00:00'), -1)).toThrow(RangeError);
    expect(() => c.addWorkingDays(vn('2026-03-02T10:00:00'), 1.5)).toThrow(RangeError);
  });
});

describe('overrides announced by the government', () => {
  it('an extra day off and a make-up working Saturday change the count', () => {
    const c = calendar([
      { date: '2026-03-04', kind: 'holiday', name: 'Nghỉ thêm' },
      { date: '2026-03-07', kind: 'working', name: 'Làm bù' },
    ]);
    expect(c.isWorkingDay('2026-03-04')).toBe(false);
    expect(c.isWorkingDay('2026-03-07')).toBe(true);
    // Mon + 2: Tue, (Wed off), Thu.
    expect(iso(c.addWorkingDays(vn('2026-03-02T10:00:00'), 2))).toBe(iso(vn('2026-03-05T17:00:00')));
    // Thu + 2: Fri, Sat (make-up).
    expect(iso(c.addWorkingDays(vn('2026-03-05T10:00:00'), 2))).toBe(iso(vn('2026-03-07T17:00:00')));
  });

  it('a make-up day can cancel a statutory day off', () => {
    const c = calendar([{ date: '2026-09-03', kind: 'working', name: 'Đổi ngày nghỉ' }]);
    expect(c.isWorkingDay('2026-09-03')).toBe(true);
  });
});

describe('paused clocks keep their remaining working days', () => {
  const c = calendar();

  it('workingDaysLeft is the inverse of addWorkingDays, across weekends and Tết', () => {
    const starts = [
      vn('2026-02-10T09:00:00'),
      vn('2026-02-13T16:00:00'),
      vn('2026-02-14T09:00:00'),
      vn('2027-02-04T18:00:00'),
      vn('2026-08-31T08:00:00'),
    ];
    for (const start of starts) {
      for (let n = 0; n <= 20; n++) {
        expect(c.workingDaysLeft(start, c.addWorkingDays(start, n))).toBe(n);
      }
    }
  });

  it('paused on Monday with Wednesday due and resumed on Thursday: due the following Monday', () => {
    const due = vn('2026-03-04T17:00:00');
    const left = c.workingDaysLeft(vn('2026-03-02T10:00:00'), due);
    expect(left).toBe(2);
    expect(iso(c.addWorkingDays(vn('2026-03-05T15:00:00'), left))).toBe(iso(vn('2026-03-09T17:00:00')));
  });

  it('has nothing left once the due day is passed', () => {
    expect(c.workingDaysLeft(vn('2026-03-05T10:00:00'), vn('2026-03-04T17:00:00'))).toBe(0);
  });

  it('counts the working days between two instants, either way', () => {
    expect(c.workingDaysBetween(vn('2026-02-13T10:00:00'), vn('2026-02-24T10:00:00'))).toBe(2);
    expect(c.workingDaysBetween(vn('2026-02-24T10:00:00'), vn('2026-02-13T10:00:00'))).toBe(-2);
  });
});

describe('reminders', () => {
  const c = calendar();
  const points = [
    { workingDaysBefore: 2, at: '08:00' },
    { workingDaysBefore: 0, at: '08:00' },
  ];

  it('two working days before and the morning of the due day', () => {
    expect(c.reminderTimes(vn('2026-03-04T17:00:00'), points).map(iso)).toEqual([
      iso(vn('2026-03-02T08:00:00')),
      iso(vn('2026-03-04T08:00:00')),
    ]);
  });

  it('count back over Tết', () => {
    expect(c.reminderTimes(vn('2026-02-24T17:00:00'), points).map(iso)).toEqual([
      iso(vn('2026-02-13T08:00:00')),
      iso(vn('2026-02-24T08:00:00')),
    ]);
  });

  it('refuses a malformed time of day', () => {
    expect(() => c.reminderTimes(vn('2026-03-04T17:00:00'), [{ workingDaysBefore: 1, at: '8am' }])).toThrow(
      RangeError,
    );
  });
});

describe('a shortened clock for tests keeps the calendar', () => {
  const epoch = vn('2026-03-02T10:00:00');
  // One day lasts two seconds; the virtual clock starts at the real epoch.
  const clock = new SlaClock(calendar(), TimeScale.dayLasts(2, epoch));

  it('two working days from Monday 10:00 end Wednesday 17:00: 2 days 7 hours of virtual time', () => {
    const d = clock.deadline(epoch, 2, []);
    expect(Date.parse(d.dueAt) - epoch).toBe(Math.round(((2 * 24 + 7) * 3600 * 1000) / 43_200));
  });

  it('a weekend still lasts two days', () => {
    const friday = clock.deadline(clock.scale.toReal(vn('2026-03-06T10:00:00')), 1, []);
    // A real millisecond is 43.2 virtual seconds: instants agree to within one.
    expect(
      Math.abs(clock.scale.toVirtual(Date.parse(friday.dueAt)) - vn('2026-03-09T17:00:00')),
    ).toBeLessThan(43_200);
    expect(friday.dueDate).toBe('2026-03-09');
  });

  it('reminders and remaining days map back and forth', () => {
    const d = clock.deadline(epoch, 5, [{ workingDaysBefore: 2, at: '08:00' }]);
    expect(d.remindAt).toHaveLength(1);
    expect(
      Math.abs(clock.scale.toVirtual(Date.parse(d.remindAt[0])) - vn('2026-03-05T08:00:00')),
    ).toBeLessThan(43_200);
    expect(clock.workingDaysLeft(epoch, Date.parse(d.dueAt))).toBe(5);
  });

  it('an extension counts from the due date, not from a rounded instant', () => {
    const d = clock.deadline(epoch, 2, []);
    const extended = clock.extend(d.dueDate, 3, epoch, []);
    expect(extended.dueDate).toBe('2026-03-09');
    expect(extended.workingDays).toBe(5);
  });

  it('a breach goes to level 2 at the end of the grace period, counted after the due day', () => {
    const real = new SlaClock(calendar());
    const d = real.withEscalation(real.deadline(vn('2026-02-12T10:00:00'), 1, []), 2);
    // Due Friday 13 February; two working days after it, over Tết: Tuesday 24 February, 17:00.
    expect(d.dueAt).toBe(iso(vn('2026-02-13T17:00:00')));
    expect(d.escalation).toEqual({
      dueAt: iso(vn('2026-02-24T17:00:00')),
      dueDate: '2026-02-24',
      remindAt: [],
      workingDays: 2,
    });
  });

  it('the real clock changes nothing', () => {
    const real = new SlaClock(calendar());
    expect(real.deadline(epoch, 2, []).dueAt).toBe(iso(vn('2026-03-04T17:00:00')));
    expect(real.today(epoch)).toBe('2026-03-02');
  });
});

describe('countdown to a deadline, in working days', () => {
  // Due Friday 6 March 2026 at 17:00; the weekend of 7–8 March is not counted.
  const due = vn('2026-03-06T17:00:00');
  const c = calendar();

  it('counts the working days left, 0 on the deadline’s own day', () => {
    expect(c.countdown(vn('2026-03-03T09:00:00'), due)).toBe(3);
    expect(c.countdown(vn('2026-03-05T16:59:00'), due)).toBe(1);
    expect(c.countdown(vn('2026-03-06T08:00:00'), due)).toBe(0);
  });

  it('counts the whole working days gone by, negative, once passed; the weekend does not count', () => {
    expect(c.countdown(vn('2026-03-06T18:00:00'), due)).toBe(0);
    expect(c.countdown(vn('2026-03-08T10:00:00'), due)).toBe(0);
    expect(c.countdown(vn('2026-03-09T17:30:00'), due)).toBe(-1);
    expect(c.countdown(vn('2026-03-11T10:00:00'), due)).toBe(-2);
  });
});

describe('the clock the settings describe', () => {
  it('is real without a day length, and shortened from its epoch with one', () => {
    expect(TimeScale.fromSettings({})).toBe(TimeScale.REAL);
    const epoch = '2026-12-01T00:00:00Z';
    const scale = TimeScale.fromSettings({ daySeconds: 2, epoch, start: '2026-03-02T08:00:00+07:00' });
    expect(iso(scale.toVirtual(Date.parse(epoch) + 2000))).toBe('2026-03-03T01:00:00.000Z');
  });
});

/**
 * The calendar as it first counted: date strings, one day at a time. The calendar now counts day
 * numbers; every answer must stay the same, since deadlines already written were computed this way.
 */
class DayByDay {
  private readonly years = new Map<number, Map<LocalDate, CalendarDay>>();
  private readonly cutoffMinutes: number;

  constructor(private readonly options: WorkingCalendarOptions) {
    this.cutoffMinutes = minutesOf(options.cutoff ?? '17:00');
  }

  /** The calendar entry of a date (holiday or make-up working day), if any. */
  entry(date: LocalDate): CalendarDay | undefined {
    const year = Number(date.slice(0, 4));
    let days = this.years.get(year);
    if (!days) {
      days = new Map(this.options.daysOfYear(year).map((d) => [d.date, d]));
      this.years.set(year, days);
    }
    return days.get(date);
  }

  isWorkingDay(date: LocalDate): boolean {
    const entry = this.entry(date);
    if (entry) return entry.kind === 'working';
    const weekday = dayOfWeek(date);
    return weekday !== 0 && weekday !== 6;
  }

  nextWorkingDay(date: LocalDate): LocalDate {
    let d = addDays(date, 1);
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  previousWorkingDay(date: LocalDate): LocalDate {
    let d = addDays(date, -1);
    while (!this.isWorkingDay(d)) d = addDays(d, -1);
    return d;
  }

  /** The loop the SLA clock and the cadre reports each ran with nextWorkingDay. */
  nthWorkingDayAfter(date: LocalDate, workingDays: number): LocalDate {
    let day = date;
    for (let i = 0; i < workingDays; i++) day = this.nextWorkingDay(day);
    return day;
  }

  /** The loop the SLA clock and the cadre reports each ran with previousWorkingDay. */
  nthWorkingDayBefore(date: LocalDate, workingDays: number): LocalDate {
    let day = date;
    for (let i = 0; i < workingDays; i++) day = this.previousWorkingDay(day);
    return day;
  }

  /** The working day an instant counts as: its own day before the cut-off on a working day, else the next. */
  effectiveDay(at: number): LocalDate {
    const date = localDate(at);
    const minutes = Math.floor((at + VIETNAM_UTC_OFFSET_MS - Date.parse(`${date}T00:00:00Z`)) / 60_000);
    return this.isWorkingDay(date) && minutes < this.cutoffMinutes ? date : this.nextWorkingDay(date);
  }

  /** The instant N working days after `from` ends (the cut-off hour of that day). */
  addWorkingDays(from: number, workingDays: number): number {
    if (!Number.isInteger(workingDays) || workingDays < 0) {
      throw new RangeError(`workingDays must be a whole number ≥ 0, got ${workingDays}`);
    }
    let day = this.effectiveDay(from);
    for (let i = 0; i < workingDays; i++) day = this.nextWorkingDay(day);
    return this.endOfDay(day);
  }

  /**
   * Whole working days left before a deadline: the inverse of `addWorkingDays`, so a clock paused at `at`
   * and resumed later with `addWorkingDays(resumedAt, left)` keeps the time it had. 0 once the deadline's
   * day is reached or passed.
   */
  workingDaysLeft(at: number, dueAt: number): number {
    const dueDay = localDate(dueAt);
    let day = this.effectiveDay(at);
    let left = 0;
    while (day < dueDay) {
      day = this.nextWorkingDay(day);
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
    const a = this.effectiveDay(from);
    const b = this.effectiveDay(to);
    if (a === b) return 0;
    const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1];
    let n = 0;
    for (let d = lo; d < hi; d = this.nextWorkingDay(d)) n++;
    return n * sign;
  }

  /** When to remind before a deadline: each point's working day before the due day, at its local time. */
  reminderTimes(dueAt: number, points: readonly ReminderPoint[]): number[] {
    const dueDay = localDate(dueAt);
    const times = points.map((point) => {
      let day = this.isWorkingDay(dueDay) ? dueDay : this.previousWorkingDay(dueDay);
      for (let i = 0; i < point.workingDaysBefore; i++) day = this.previousWorkingDay(day);
      return atLocalTime(day, point.at);
    });
    return [...new Set(times.filter((t) => t < dueAt))].sort((a, b) => a - b);
  }

  /** The cut-off instant of a local date: when a deadline on that day ends. */
  endOfDay(date: LocalDate): number {
    return Date.parse(`${date}T00:00:00Z`) - VIETNAM_UTC_OFFSET_MS + this.cutoffMinutes * 60_000;
  }
}

function minutesOf(time: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`time must be HH:MM, got "${time}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

describe('day numbers count as the date strings did', () => {
  const DAY = 86_400_000;
  const from = vn('2025-06-01T00:00:00');
  const to = vn('2029-06-01T00:00:00');
  const instant = fc.integer({ min: from, max: to });
  // Overrides on any day of those years, as the government may announce them, the year's edges included.
  const overrides = fc.uniqueArray(
    fc.record({
      date: fc.integer({ min: 0, max: Math.floor((to - from) / DAY) }).map((d) => localDate(from + d * DAY)),
      kind: fc.constantFrom('holiday' as const, 'working' as const),
      name: fc.constant('Điều chỉnh'),
    }),
    { selector: (o) => o.date, maxLength: 30 },
  );
  const edges = fc
    .constantFrom('2025-12-31', '2026-01-01', '2027-01-01', '2028-12-31')
    .map((date): CalendarDay => ({ date, kind: 'holiday', name: 'Điều chỉnh' }));
  // A source may also give a day of the next year with a year's days; that year's own list decides it.
  const spill = (year: number): CalendarDay => ({ date: `${year + 1}-01-02`, kind: 'holiday', name: 'Tràn' });
  const options = fc
    .tuple(
      overrides,
      fc.array(edges, { maxLength: 2 }),
      fc.constantFrom('17:00', '16:30', '00:00', '23:59'),
      fc.boolean(),
    )
    .map(([days, atEdges, cutoff, spills]): WorkingCalendarOptions => {
      const all = [...new Map([...days, ...atEdges].map((d) => [d.date, d])).values()];
      const daysOfYear = (year: number) => [
        ...vietnamDaysOfYear(year, all),
        ...(spills ? [spill(year)] : []),
      ];
      return { daysOfYear, cutoff };
    });
  const points = fc.array(
    fc.record({
      workingDaysBefore: fc.integer({ min: 0, max: 5 }),
      at: fc.constantFrom('08:00', '16:59', '17:00'),
    }),
    { maxLength: 3 },
  );

  it('answers every question the same way, across weekends, Tết, overrides and the turn of a year', () => {
    fc.assert(
      fc.property(
        options,
        instant,
        instant,
        fc.integer({ min: 0, max: 60 }),
        points,
        (opts, a, b, n, pts) => {
          const now = new WorkingCalendar(opts);
          const before = new DayByDay(opts);
          const date = localDate(a);
          expect(now.entry(date)).toEqual(before.entry(date));
          expect(now.isWorkingDay(date)).toBe(before.isWorkingDay(date));
          expect(now.nextWorkingDay(date)).toBe(before.nextWorkingDay(date));
          expect(now.previousWorkingDay(date)).toBe(before.previousWorkingDay(date));
          expect(now.effectiveDay(a)).toBe(before.effectiveDay(a));
          expect(now.endOfDay(date)).toBe(before.endOfDay(date));
          expect(now.addWorkingDays(a, n)).toBe(before.addWorkingDays(a, n));
          expect(now.nthWorkingDayAfter(date, n)).toBe(before.nthWorkingDayAfter(date, n));
          expect(now.nthWorkingDayBefore(date, n)).toBe(before.nthWorkingDayBefore(date, n));
          expect(now.workingDaysLeft(a, b)).toBe(before.workingDaysLeft(a, b));
          expect(now.workingDaysBetween(a, b)).toBe(before.workingDaysBetween(a, b));
          expect(now.countdown(a, b)).toBe(before.countdown(a, b));
          expect(now.reminderTimes(b, pts)).toEqual(before.reminderTimes(b, pts));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses to step a negative or fractional number of working days from a date', () => {
    const c = calendar();
    for (const n of [-1, 1.5, Number.NaN]) {
      expect(() => c.nthWorkingDayAfter('2026-03-02', n)).toThrow(RangeError);
      expect(() => c.nthWorkingDayBefore('2026-03-02', n)).toThrow(RangeError);
    }
  });

  it('refuses an instant that is not a number, as it refused one it could not print', () => {
    const c = calendar();
    expect(() => c.addWorkingDays(Number.NaN, 1)).toThrow(RangeError);
    expect(() => c.countdown(Date.now(), Number.NaN)).toThrow(RangeError);
    expect(() => new DayByDay({ daysOfYear: () => [] }).countdown(Date.now(), Number.NaN)).toThrow(
      RangeError,
    );
  });
});
