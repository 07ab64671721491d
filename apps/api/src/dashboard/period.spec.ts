import { periodSegments, type PeriodSegment } from './period';

/** Every day a segment list covers, to compare with the days asked for. */
function daysCovered(segments: PeriodSegment[]): string[] {
  const out: string[] = [];
  for (const s of segments) {
    let d = new Date(`${s.start}T00:00:00Z`);
    const end = new Date(`${s.end}T00:00:00Z`);
    while (d <= end) {
      const next =
        s.grain === 'day'
          ? new Date(d.getTime() + 86_400_000)
          : s.grain === 'month'
            ? new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))
            : new Date(Date.UTC(d.getUTCFullYear() + 1, 0, 1));
      for (let x = d; x < next; x = new Date(x.getTime() + 86_400_000))
        out.push(x.toISOString().slice(0, 10));
      d = next;
    }
  }
  return out;
}

function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d = new Date(d.getTime() + 86_400_000)
  ) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

describe('periodSegments', () => {
  it('reads a quarter as three months', () => {
    expect(periodSegments('2026-04-01', '2026-06-30')).toEqual([
      { grain: 'month', start: '2026-04-01', end: '2026-06-01' },
    ]);
  });

  it('reads a calendar year as one year row', () => {
    expect(periodSegments('2025-01-01', '2025-12-31')).toEqual([
      { grain: 'year', start: '2025-01-01', end: '2025-01-01' },
    ]);
  });

  it('splits a ragged span into days, months, years, months and days', () => {
    expect(periodSegments('2024-11-15', '2026-02-10')).toEqual([
      { grain: 'day', start: '2024-11-15', end: '2024-11-30' },
      { grain: 'month', start: '2024-12-01', end: '2024-12-01' },
      { grain: 'year', start: '2025-01-01', end: '2025-01-01' },
      { grain: 'month', start: '2026-01-01', end: '2026-01-01' },
      { grain: 'day', start: '2026-02-01', end: '2026-02-10' },
    ]);
  });

  it('keeps days inside one month as days', () => {
    expect(periodSegments('2026-03-02', '2026-03-20')).toEqual([
      { grain: 'day', start: '2026-03-02', end: '2026-03-20' },
    ]);
    expect(periodSegments('2026-03-05', '2026-03-05')).toEqual([
      { grain: 'day', start: '2026-03-05', end: '2026-03-05' },
    ]);
  });

  it('reads an open period as whole years', () => {
    expect(periodSegments(null, null)).toEqual([{ grain: 'year', start: '0001-01-01', end: '9999-01-01' }]);
    expect(periodSegments('2026-01-01', null)).toEqual([
      { grain: 'year', start: '2026-01-01', end: '9999-01-01' },
    ]);
    expect(periodSegments(null, '2025-12-31')).toEqual([
      { grain: 'year', start: '0001-01-01', end: '2025-01-01' },
    ]);
  });

  it('covers exactly the days asked for, never more than five segments', () => {
    const starts = ['2024-01-01', '2024-02-29', '2024-12-31', '2025-06-15', '2025-12-01'];
    const ends = ['2024-12-31', '2025-01-01', '2025-03-31', '2026-02-28', '2027-07-04'];
    for (const from of starts) {
      for (const to of ends) {
        if (to < from) continue;
        const segments = periodSegments(from, to);
        expect(segments.length).toBeLessThanOrEqual(5);
        expect(daysCovered(segments)).toEqual(daysBetween(from, to));
      }
    }
  });
});
