import {
  recommendationFigures,
  recordPeriodDates,
  recordPeriodInstants,
  reportFigures,
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

  it('counts each report by its one standing, and the field visits of the submitted ones only', () => {
    const dueAt = new Date(at('2026-04-10'));
    const report = (fields: object) => ({
      status: 'open' as const,
      dueAt,
      submittedAt: null,
      overdueAt: null,
      fieldVisits: 0,
      ...fields,
    });
    expect(
      reportFigures([
        report({ status: 'submitted', submittedAt: new Date(at('2026-04-09')), fieldVisits: 2 }),
        report({ status: 'submitted', submittedAt: new Date(at('2026-04-12')), fieldVisits: 1 }),
        // Past its deadline unsubmitted: flagged overdue at the deadline, its draft's visits not counted.
        report({ status: 'draft', overdueAt: dueAt, fieldVisits: 5 }),
        report({ status: 'draft', dueAt: new Date(at('2026-07-10')) }),
        report({ dueAt: new Date(at('2026-07-10')) }),
      ]),
    ).toEqual({ onTime: 1, late: 1, overdue: 1, open: 2, fieldVisits: 3 });
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
