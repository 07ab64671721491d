import { budgetYearFitsPlanDate, budgetYearsForPlanDate } from './budget';

describe('budget year and plan date', () => {
  it('allows the plan date’s year and the year before it (carried over)', () => {
    expect(budgetYearsForPlanDate('2027-06-30')).toEqual({ first: 2026, last: 2027 });
    expect(budgetYearFitsPlanDate('2027-06-30', 2027)).toBe(true);
    expect(budgetYearFitsPlanDate('2027-01-01', 2026)).toBe(true);
  });

  it('refuses a budget year after the plan date’s year, or two and more years before it', () => {
    expect(budgetYearFitsPlanDate('2027-06-30', 2028)).toBe(false);
    expect(budgetYearFitsPlanDate('2027-06-30', 2025)).toBe(false);
    expect(budgetYearFitsPlanDate('2027-12-31', 2020)).toBe(false);
  });

  it('decides nothing about a date it cannot read', () => {
    expect(budgetYearsForPlanDate('30/06/2027')).toBeNull();
    expect(budgetYearFitsPlanDate('30/06/2027', 2027)).toBe(false);
  });
});
