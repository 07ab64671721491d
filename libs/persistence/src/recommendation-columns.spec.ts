import { PATCH_COLUMNS, RECOMMENDATION_COLUMNS, selectRecommendationColumns } from './recommendation-columns';

describe('recommendation columns', () => {
  it('gives a projection the columns marked patched, and no other', () => {
    const patched = Object.entries(RECOMMENDATION_COLUMNS).filter(([, column]) => column.patched);
    expect(PATCH_COLUMNS).toEqual(Object.fromEntries(patched.map(([field, column]) => [field, column.name])));
    expect(PATCH_COLUMNS).toMatchObject({ leadUnitId: 'lead_unit_id', planDate: 'plan_date' });
    expect(PATCH_COLUMNS).not.toHaveProperty('status');
  });

  it('selects each field under its own name, with its cast', () => {
    expect(selectRecommendationColumns('r', ['id', 'planDate', 'leadUnitId'])).toBe(
      'r.id AS "id", r.plan_date::text AS "planDate", r.lead_unit_id AS "leadUnitId"',
    );
    expect(selectRecommendationColumns('x').split(', ')).toHaveLength(
      Object.keys(RECOMMENDATION_COLUMNS).length,
    );
  });
});
