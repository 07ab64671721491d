import { previousQuarter, quarterAfter, quarterBefore, quarterContaining, quarterDates } from './quarters';

describe('quarters', () => {
  it.each([
    [2026, 1, '2026-01-01', '2026-03-31'],
    [2024, 1, '2024-01-01', '2024-03-31'],
    [2026, 2, '2026-04-01', '2026-06-30'],
    [2026, 3, '2026-07-01', '2026-09-30'],
    [2026, 4, '2026-10-01', '2026-12-31'],
  ] as const)('%i Q%i runs from %s to %s', (year, quarter, from, to) => {
    expect(quarterDates({ year, quarter })).toEqual({ from, to });
  });

  it('the schedule at 07:00 on 1 October in Việt Nam reports on the third quarter', () => {
    expect(previousQuarter(new Date('2026-10-01T07:00:00+07:00'))).toEqual({ year: 2026, quarter: 3 });
  });

  it('judges the quarter by Việt Nam’s date, not UTC', () => {
    // 1 January 2027 01:00 in Việt Nam is still 31 December in UTC.
    expect(previousQuarter(new Date('2027-01-01T01:00:00+07:00'))).toEqual({ year: 2026, quarter: 4 });
    expect(previousQuarter(new Date('2026-12-31T23:00:00+07:00'))).toEqual({ year: 2026, quarter: 3 });
  });

  it('steps back and forth over a year', () => {
    expect(quarterBefore({ year: 2026, quarter: 1 })).toEqual({ year: 2025, quarter: 4 });
    expect(quarterBefore({ year: 2026, quarter: 3 })).toEqual({ year: 2026, quarter: 2 });
    expect(quarterAfter({ year: 2026, quarter: 4 })).toEqual({ year: 2027, quarter: 1 });
    expect(quarterAfter({ year: 2026, quarter: 2 })).toEqual({ year: 2026, quarter: 3 });
  });

  it('names the quarter a date falls in', () => {
    expect(quarterContaining('2026-01-01')).toEqual({ year: 2026, quarter: 1 });
    expect(quarterContaining('2026-06-30')).toEqual({ year: 2026, quarter: 2 });
    expect(quarterContaining('2026-07-01')).toEqual({ year: 2026, quarter: 3 });
    expect(quarterContaining('2026-12-31')).toEqual({ year: 2026, quarter: 4 });
  });
});
