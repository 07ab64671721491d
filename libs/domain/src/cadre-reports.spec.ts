import { WorkingCalendar } from './calendar/working-calendar';
import { vietnamDaysOfYear } from './calendar/vietnam-holidays';
import {
  periodHolding,
  periodJustEnded,
  periodLabel,
  periodStartingOn,
  reportDueDate,
  reportStanding,
} from './cadre-reports';

const calendar = new WorkingCalendar({ daysOfYear: (year) => vietnamDaysOfYear(year, []) });

describe("the cadre's report periods", () => {
  it('finds the month and the quarter holding a date', () => {
    expect(periodHolding('month', '2026-02-14')).toEqual({
      kind: 'month',
      start: '2026-02-01',
      end: '2026-02-28',
    });
    expect(periodHolding('quarter', '2026-11-30')).toEqual({
      kind: 'quarter',
      start: '2026-10-01',
      end: '2026-12-31',
    });
    expect(periodStartingOn('quarter', '2026-02-01')).toBeNull();
    expect(periodStartingOn('month', '2026-02-01')?.end).toBe('2026-02-28');
  });

  it('opens the period that ended yesterday, and none mid-quarter on a quarterly policy', () => {
    expect(periodJustEnded('month', '2026-03-01')).toEqual({
      kind: 'month',
      start: '2026-02-01',
      end: '2026-02-28',
    });
    expect(periodJustEnded('quarter', '2026-01-01')).toEqual({
      kind: 'quarter',
      start: '2025-10-01',
      end: '2025-12-31',
    });
    expect(periodJustEnded('quarter', '2026-02-01')).toBeNull();
    expect(periodJustEnded('month', '2026-02-15')).toBeNull();
  });

  it('falls due so many working days after the period, past weekends and holidays', () => {
    // 28 February 2026 is a Saturday: two working days on are Monday 2 and Tuesday 3 March.
    expect(reportDueDate(calendar, periodHolding('month', '2026-02-01'), 2)).toBe('2026-03-03');
    // 31 December 2026 is a Thursday; 1 January is a holiday.
    expect(reportDueDate(calendar, periodHolding('quarter', '2026-10-01'), 1)).toBe('2027-01-04');
  });

  it('tells on time, late, overdue, draft and not started apart', () => {
    const due = '2026-03-03T10:00:00Z';
    const base = { dueAt: due, submittedAt: null, overdueAt: null };
    expect(reportStanding({ ...base, status: 'open' })).toBe('open');
    expect(reportStanding({ ...base, status: 'draft' })).toBe('draft');
    expect(reportStanding({ ...base, status: 'draft', overdueAt: due })).toBe('overdue');
    expect(reportStanding({ ...base, status: 'submitted', submittedAt: '2026-03-03T09:00:00Z' })).toBe(
      'on-time',
    );
    expect(
      reportStanding({ ...base, status: 'submitted', submittedAt: '2026-03-04T09:00:00Z', overdueAt: due }),
    ).toBe('late');
  });

  it('names periods as people write them', () => {
    expect(periodLabel({ kind: 'month', start: '2026-11-01' }, 'vi')).toBe('tháng 11/2026');
    expect(periodLabel({ kind: 'quarter', start: '2026-10-01' }, 'en')).toBe('Q4 2026');
  });
});

describe('a report submitted in the second it fell due', () => {
  it('is late by the milliseconds, as the database gives the instants', () => {
    const dueAt = new Date('2026-03-03T10:00:00.100Z');
    const submittedAt = new Date('2026-03-03T10:00:00.400Z');
    expect(reportStanding({ status: 'submitted', dueAt, submittedAt, overdueAt: dueAt })).toBe('late');
  });
});
