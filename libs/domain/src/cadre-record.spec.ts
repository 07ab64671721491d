import {
  recommendationFigures,
  recordPeriodDates,
  recordPeriodInstants,
  reportFigures,
  reportStanding,
  type RecordItem,
} from './cadre-record';

const at = (day: string) => Date.parse(`${day}T10:00:00+07:00`);

describe('cadre record', () => {
  it('covers a quarter or a whole year, in Việt Nam’s dates', () => {
    expect(recordPeriodDates({ year: 2026, quarter: 2 })).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(recordPeriodDates({ year: 2026, quarter: null })).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
    });
    const { start, end } = recordPeriodInstants({ year: 2026, quarter: 1 });
    expect(new Date(start).toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(new Date(end).toISOString()).toBe('2026-03-31T17:00:00.000Z');
  });

  it('a report is on time up to its deadline, late after, missing once the deadline passes unsubmitted', () => {
    const dueAt = at('2026-04-10');
    expect(reportStanding({ dueAt, submittedAt: dueAt }, at('2026-05-01'))).toBe('on-time');
    expect(reportStanding({ dueAt, submittedAt: dueAt + 1 }, at('2026-05-01'))).toBe('late');
    expect(reportStanding({ dueAt, submittedAt: null }, dueAt + 1)).toBe('missing');
    expect(reportStanding({ dueAt, submittedAt: null }, dueAt)).toBe('open');
  });

  it('counts the reports and the field visits of the submitted ones only', () => {
    const dueAt = at('2026-04-10');
    expect(
      reportFigures(
        [
          { dueAt, submittedAt: at('2026-04-09'), fieldVisits: 2 },
          { dueAt, submittedAt: at('2026-04-12'), fieldVisits: 1 },
          { dueAt, submittedAt: null, fieldVisits: 5 },
          { dueAt: at('2026-07-10'), submittedAt: null, fieldVisits: 0 },
        ],
        at('2026-05-01'),
      ),
    ).toEqual({ onTime: 1, late: 1, missing: 1, open: 1, fieldVisits: 3 });
  });

  it('counts items raised, accepted, implemented and verified in the period, and their median time to resolve', () => {
    const item = (fields: Partial<RecordItem>): RecordItem => ({
      createdAt: at('2026-04-02'),
      resolvedAt: null,
      outcome: null,
      resolveWorkingDays: null,
      verifiedAt: null,
      ...fields,
    });
    const items = [
      item({ resolvedAt: at('2026-04-20'), outcome: 'implemented', resolveWorkingDays: 4 }),
      item({
        resolvedAt: at('2026-05-20'),
        outcome: 'planned',
        resolveWorkingDays: 10,
        verifiedAt: at('2026-06-01'),
      }),
      item({ resolvedAt: at('2026-05-21'), outcome: 'not-accepted', resolveWorkingDays: 6 }),
      item({ resolvedAt: at('2026-05-22'), outcome: 'partly-accepted', resolveWorkingDays: 8 }),
      // Raised before the quarter, resolved in it: counted as resolved, not as raised.
      item({
        createdAt: at('2026-03-01'),
        resolvedAt: at('2026-04-03'),
        outcome: 'referred',
        resolveWorkingDays: 20,
      }),
      // Raised in the quarter, resolved after it.
      item({ resolvedAt: at('2026-07-03'), outcome: 'implemented', resolveWorkingDays: 1 }),
      item({}),
    ];
    const figures = recommendationFigures(items, recordPeriodInstants({ year: 2026, quarter: 2 }));
    expect(figures).toEqual({
      raised: 6,
      accepted: 3,
      implemented: 1,
      verified: 1,
      resolveWorkingDays: { count: 5, median: 8, mean: 9.6 },
    });
  });
});
