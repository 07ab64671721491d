import type { LifecycleSnapshot } from './lifecycle';
import { nextStatus } from './lifecycle';
import { STANDING_COMMITTEE_STATUS } from './escalation';
import type { RecommendationStatus } from './recommendation';

/**
 * What time alone does to an item, beside what people do (`nextStatus`): the plan date comes, the
 * feedback window closes in silence, the grace period after a missed deadline ends, a deadline passes.
 */
export type TimerTransition =
  /** The day a planned item's work was promised for has started: the cadre checks it ("kiểm"). */
  | 'plan-date-reached'
  /** The cadre did not answer within the feedback window: the answer counts as accepted. */
  | 'feedback-window-closed'
  /** Still overdue after the grace period: the Standing Committee must issue a directive. */
  | 'grace-period-ended'
  /** The cadre did not give the information asked for in time: the resolution clock runs again. */
  | 'info-deadline-passed'
  /** A deadline passed or a reminder fell due: people are told, the status stays. */
  | 'deadline-passed';

/** The status after a timer-driven transition. */
export function statusAfterTimer(
  snapshot: LifecycleSnapshot,
  transition: TimerTransition,
): RecommendationStatus {
  switch (transition) {
    case 'plan-date-reached':
      return 'awaiting-verification';
    case 'feedback-window-closed':
      return nextStatus(snapshot, { action: 'feedback', verdict: 'accept' });
    case 'grace-period-ended':
      return STANDING_COMMITTEE_STATUS;
    case 'info-deadline-passed':
      return 'in-progress';
    case 'deadline-passed':
      return snapshot.status;
  }
}
