/**
 * Which budget year may pay for work planned to be done by a plan date.
 *
 * The State Budget Law (Luật Ngân sách nhà nước 83/2015/QH13) runs the budget year from 1 January to
 * 31 December (art. 14), and an appropriation not spent by year end may be carried over to the next
 * year for work already under way (chuyển nguồn, art. 64). So work finished in year Y is paid from the
 * budget of Y, or from that of Y − 1 carried over; a budget year after the plan date's year cannot pay
 * for work due before it starts, and one two or more years earlier has lapsed.
 */
export function budgetYearsForPlanDate(planDate: string): { first: number; last: number } | null {
  const year = Number(/^(\d{4})-/.exec(planDate)?.[1]);
  return Number.isInteger(year) ? { first: year - 1, last: year } : null;
}

/** True when the budget year can pay for work due on the plan date (YYYY-MM-DD); see above. */
export function budgetYearFitsPlanDate(planDate: string, budgetYear: number): boolean {
  const years = budgetYearsForPlanDate(planDate);
  return years !== null && budgetYear >= years.first && budgetYear <= years.last;
}
