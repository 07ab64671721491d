import type { RecommendationStatus } from './recommendation';

/** Level 1: the lead unit's head and its supervising body are told of a missed deadline. */
export const SUPERVISOR_LEVEL = 1;
/** Level 2: the Standing Committee must rule on the item. */
export const STANDING_COMMITTEE_LEVEL = 2;
/** The status of an item waiting for the Standing Committee's directive. */
export const STANDING_COMMITTEE_STATUS: RecommendationStatus = 'standing-committee-review';

/**
 * How far up the escalation ladder an item stands after an event. An item before the Standing Committee
 * is at level 2 whichever way it came there: still overdue after the grace period, or disputed a second
 * time by its cadre; and one the committee closed stays at the level it was ruled on. Otherwise the level
 * is the workflow's own (0, or 1 after a missed deadline). The dashboard's tiles, its breakdowns, the
 * lists filtered by level and the quarterly report all count by this one rule.
 */
export function escalationLevelAfter(
  workflowLevel: number,
  statusBefore: RecommendationStatus | null,
  statusAfter: RecommendationStatus,
): number {
  const beforeCommittee =
    statusAfter === STANDING_COMMITTEE_STATUS ||
    (statusBefore === STANDING_COMMITTEE_STATUS && statusAfter === 'closed');
  return beforeCommittee ? Math.max(workflowLevel, STANDING_COMMITTEE_LEVEL) : workflowLevel;
}

/** Whether an event took the item to the Standing Committee (the report's "escalated" count). */
export function reachesStandingCommittee(
  statusBefore: RecommendationStatus | null,
  statusAfter: RecommendationStatus,
): boolean {
  return statusAfter === STANDING_COMMITTEE_STATUS && statusBefore !== STANDING_COMMITTEE_STATUS;
}
