import { vietnamDaysOfYear, vietnamStatutoryDaysOff } from './vietnam-holidays';
import { SlaClock } from './sla-clock';
import { TimeScale } from './time-scale';
import { WorkingCalendar, localDate, type CalendarDay } from './working-calendar';

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
