import { SlaClock, TimeScale, WorkingCalendar, type CalendarDay } from './calendar';
import { vietnamDaysOfYear } from './calendar/vietnam-holidays';
import {
  extensionDaysAfter,
  extensionDaysChange,
  reopenedShare,
  resolutionTimeliness,
  workingDayFigures,
  workingDaysHistogram,
  workingDaysSlot,
  WORKING_DAYS_EXACT,
} from './kpi';

const vn = (local: string) => Date.parse(`${local}+07:00`);
const clock = (overrides: CalendarDay[] = [], scale = TimeScale.REAL) =>
  new SlaClock(new WorkingCalendar({ daysOfYear: (year) => vietnamDaysOfYear(year, overrides) }), scale);

describe('the three-way KPI', () => {
  const original = vn('2026-03-06T17:00:00');
  const extended = vn('2026-03-11T17:00:00');
  const deadline = { dueAt: extended, originalDueAt: original };

  it('on time: on or before the original deadline, extension or not', () => {
    expect(resolutionTimeliness(vn('2026-03-05T09:00:00'), deadline)).toBe('on-time');
    expect(resolutionTimeliness(original, deadline)).toBe('on-time');
    expect(resolutionTimeliness(original, { dueAt: original, originalDueAt: null })).toBe('on-time');
  });

  it('on time after an approved extension: after the original deadline, by the extended one', () => {
    expect(resolutionTimeliness(original + 1, deadline)).toBe('on-time-after-extension');
    expect(resolutionTimeliness(extended, deadline)).toBe('on-time-after-extension');
  });

  it('late: after the deadline in force, with or without an extension', () => {
    expect(resolutionTimeliness(extended + 1, deadline)).toBe('late');
    expect(resolutionTimeliness(original + 1, { dueAt: original, originalDueAt: original })).toBe('late');
  });

  it('no deadline running: nothing to be late for', () => {
    expect(resolutionTimeliness(vn('2030-01-01T00:00:00'), { dueAt: null, originalDueAt: null })).toBe(
      'on-time',
    );
  });
});

describe('extension days in the deadline in force', () => {
  const approved = (workingDays: unknown) => ({
    type: 'extension-approved' as const,
    payload: { deadline: { workingDays } },
    deadlineChanged: true,
  });

  it('an approval adds its days; a resumed clock keeps them; a new deadline starts afresh', () => {
    let days = extensionDaysAfter(0, approved(3));
    days = extensionDaysAfter(days, approved(2));
    expect(days).toBe(5);
    expect(extensionDaysAfter(days, { type: 'info-provided', payload: {}, deadlineChanged: true })).toBe(5);
    expect(extensionDaysAfter(days, { type: 'progress', payload: {}, deadlineChanged: false })).toBe(5);
    expect(extensionDaysAfter(days, { type: 'transferred', payload: {}, deadlineChanged: true })).toBe(0);
    expect(
      extensionDaysAfter(days, { type: 'directive-new-deadline', payload: {}, deadlineChanged: true }),
    ).toBe(0);
  });

  it('an approval without a number of days adds nothing', () => {
    expect(extensionDaysAfter(1, approved(undefined))).toBe(1);
    expect(extensionDaysAfter(1, approved(-2))).toBe(1);
  });

  it('says what an event does to them, for the read model to apply to its own row', () => {
    expect(extensionDaysChange(approved(3))).toEqual({ kind: 'add', days: 3 });
    expect(extensionDaysChange(approved('3'))).toEqual({ kind: 'add', days: 3 });
    expect(extensionDaysChange(approved(1.5))).toEqual({ kind: 'add', days: 0 });
    expect(extensionDaysChange({ type: 'info-provided', payload: {} })).toEqual({ kind: 'keep' });
    expect(extensionDaysChange({ type: 'acknowledged', payload: {} })).toEqual({
      kind: 'reset-if-deadline-moved',
    });
    expect(extensionDaysChange({ type: 'transferred', payload: {} })).toEqual({
      kind: 'reset-if-deadline-moved',
    });
  });
});

describe('the original deadline: the deadline in force less its approved extensions', () => {
  it('inverts an extension across a weekend', () => {
    const c = clock();
    // Due Friday 6 March; extended by 3 working days it falls due Wednesday 11 March.
    const due = c.extend('2026-03-06', 3, vn('2026-03-02T09:00:00'), []);
    expect(due.dueAt).toBe(new Date(vn('2026-03-11T17:00:00')).toISOString());
    expect(c.beforeExtensions(Date.parse(due.dueAt), 3)).toBe(vn('2026-03-06T17:00:00'));
    expect(c.beforeExtensions(Date.parse(due.dueAt), 0)).toBe(Date.parse(due.dueAt));
  });

  it('skips the days off the calendar overrides declare', () => {
    const c = clock([{ date: '2026-03-10', kind: 'holiday', name: 'Nghỉ' }]);
    expect(c.beforeExtensions(vn('2026-03-11T17:00:00'), 2)).toBe(vn('2026-03-06T17:00:00'));
  });

  it('works on a shortened clock as on the real one', () => {
    const epoch = Date.parse('2026-01-01T00:00:00Z');
    const scale = TimeScale.dayLasts(2, epoch, vn('2026-03-02T08:00:00'));
    const c = clock([], scale);
    const due = c.extend('2026-03-06', 3, epoch, []);
    expect(c.beforeExtensions(Date.parse(due.dueAt), 3)).toBe(scale.toReal(vn('2026-03-06T17:00:00')));
  });
});

describe('time to resolve in working days', () => {
  it('counts working days between the effective days of submission and resolution', () => {
    const c = clock();
    // Submitted Friday morning, resolved Tuesday morning: Friday → Monday → Tuesday.
    expect(c.workingDaysBetween(vn('2026-03-06T09:00:00'), vn('2026-03-10T09:00:00'))).toBe(2);
    // The same working day counts 0; after the cut-off the next working day is the effective one.
    expect(c.workingDaysBetween(vn('2026-03-06T09:00:00'), vn('2026-03-06T16:00:00'))).toBe(0);
    expect(c.workingDaysBetween(vn('2026-03-06T09:00:00'), vn('2026-03-06T18:00:00'))).toBe(1);
  });

  it('leaves out the days off of the calendar overrides', () => {
    const holiday = clock([{ date: '2026-03-09', kind: 'holiday', name: 'Nghỉ' }]);
    expect(holiday.workingDaysBetween(vn('2026-03-06T09:00:00'), vn('2026-03-10T09:00:00'))).toBe(1);
    const makeUp = clock([{ date: '2026-03-07', kind: 'working', name: 'Làm bù' }]);
    expect(makeUp.workingDaysBetween(vn('2026-03-06T09:00:00'), vn('2026-03-10T09:00:00'))).toBe(3);
  });

  it('summarises as median and mean from the histogram and the exact sum', () => {
    expect(workingDayFigures(workingDaysHistogram([]), 0)).toEqual({ count: 0, median: null, mean: null });
    expect(workingDayFigures(workingDaysHistogram([4, 0, 9]), 13)).toEqual({
      count: 3,
      median: 4,
      mean: 4.3,
    });
    // An even count: the mean of the two middle values.
    expect(workingDayFigures(workingDaysHistogram([1, 2, 5, 30]), 38)).toEqual({
      count: 4,
      median: 3.5,
      mean: 9.5,
    });
    // Past the histogram's exact range: the median says "more than", the mean stays exact.
    expect(workingDaysSlot(500)).toBe(WORKING_DAYS_EXACT + 1);
    expect(workingDayFigures(workingDaysHistogram([200, 300, 400]), 900)).toEqual({
      count: 3,
      median: WORKING_DAYS_EXACT + 1,
      mean: 300,
    });
  });
});

describe('reopened items', () => {
  it('are a share of the resolved items, none before any is resolved', () => {
    expect(reopenedShare(1, 4)).toBe(0.25);
    expect(reopenedShare(1, 3)).toBe(0.333);
    expect(reopenedShare(0, 0)).toBeNull();
  });
});
