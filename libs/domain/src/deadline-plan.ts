import {
  SlaClock,
  TimeScale,
  WorkingCalendar,
  type CalendarDay,
  type Deadline,
  type ReminderPoint,
} from './calendar';
import { vietnamDaysOfYear } from './calendar/vietnam-holidays';
import { escalates, type ClockKind } from './clocks';
import type { Urgency } from './recommendation';
import type { RoutingDecision } from './routing';

/**
 * Deadlines planned from the reference data: the SLA policy, the calendar's overrides and the supervising
 * body, as one read gives them. Pure: the worker's deadline activities and the API's routing of a new
 * submission both compute with it, each after its own read. Kept out of the package index, as the
 * holiday tables are: workflow code takes only its types.
 */

/** Which policy applies: the routing rule's when it has one for this urgency, else category × urgency. */
export interface PolicySelector {
  policyCode: string | null;
  categoryCode: string;
  urgency: Urgency;
}

/** An SLA policy: its reminder points and every column, the day counts among them. */
export interface PolicyRow {
  code: string;
  reminderPoints: ReminderPoint[];
  days: Record<string, number>;
}

/** The policy, the calendar's overrides and the supervising body, as one read gives them. */
export interface DeadlineReference {
  policy: PolicyRow | null;
  overrides: CalendarDay[];
  supervisingUnitId: string | null;
}

export interface DeadlinePlan {
  policyCode: string;
  supervisingUnitId: string | null;
  deadlines: Partial<Record<ClockKind, Deadline>>;
}

/** What a new submission is routed on. */
export interface SubmissionRoutingRequest {
  categoryCode: string;
  localityUnitId: string;
  urgency: Urgency;
  /** Where an item no rule matches goes. */
  triageUnitId: string;
  /** When the clocks start (ISO). */
  from: string;
}

/** The rule's decision (null: the triage office routes it by hand) and the deadlines it starts. */
export interface SubmissionRouting {
  decision: RoutingDecision | null;
  plan: DeadlinePlan;
}

const POLICY_COLUMN: Record<ClockKind, string> = {
  triage: 'acknowledge_days',
  acknowledge: 'acknowledge_days',
  coordination: 'coordination_days',
  resolution: 'resolution_days',
  feedback: 'feedback_days',
  verification: 'verification_grace_days',
  directive: 'directive_days',
  escalation: 'escalation_grace_days',
  info: 'info_days',
};

/** The SLA clock as the calendar and these overrides stand. */
export function slaClockOf(overrides: CalendarDay[], scale: TimeScale): SlaClock {
  const calendar = new WorkingCalendar({ daysOfYear: (year) => vietnamDaysOfYear(year, overrides) });
  return new SlaClock(calendar, scale);
}

/**
 * Adds when a breach of this deadline reaches level 2, computed with the deadline itself so a breach
 * needs no further lookup: the policy's grace in working days after the due day.
 */
export function withGrace(clock: SlaClock, policy: PolicyRow, deadline: Deadline): Deadline {
  return clock.withEscalation(deadline, policy.days[POLICY_COLUMN.escalation]);
}

/** The policy and the clock a reference gives; no policy at all means the reference data is not seeded. */
export function policyAndClock(reference: DeadlineReference, scale: TimeScale) {
  const { policy, overrides, supervisingUnitId } = reference;
  if (!policy) throw new Error('no SLA policy is defined: seed the reference data');
  return { policy, clock: slaClockOf(overrides, scale), supervisingUnitId };
}

/** Deadlines for tasks starting at `from`: the policy's days for each kind, counted on the calendar. */
export function planDeadlines(
  reference: DeadlineReference,
  scale: TimeScale,
  from: string,
  kinds: readonly ClockKind[],
): DeadlinePlan {
  const { policy, clock, supervisingUnitId } = policyAndClock(reference, scale);
  const start = Date.parse(from);
  const deadlines: DeadlinePlan['deadlines'] = {};
  for (const kind of kinds) {
    const deadline = clock.deadline(start, policy.days[POLICY_COLUMN[kind]], policy.reminderPoints);
    deadlines[kind] = escalates(kind) ? withGrace(clock, policy, deadline) : deadline;
  }
  return { policyCode: policy.code, supervisingUnitId, deadlines };
}
