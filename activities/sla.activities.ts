import { Inject, Injectable } from '@nestjs/common';
import {
  escalates,
  SlaClock,
  TimeScale,
  WorkingCalendar,
  type CalendarDay,
  type ClockKind,
  type Deadline,
  type LocalDate,
} from '@ngk/domain';
import { vietnamDaysOfYear } from '@ngk/domain/calendar/vietnam-holidays';
import { SlaRepository, type PolicyRow, type PolicySelector } from './sla.repository';

export type { PolicySelector };

/** The clock (real, or shortened for tests and demos) that deadlines are computed on. */
export const SLA_TIME_SCALE = Symbol('SLA_TIME_SCALE');

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

export interface PlanRequest {
  policy: PolicySelector;
  /** When the tasks start (ISO). */
  from: string;
  kinds: ClockKind[];
  /** The lead unit, whose supervising body is looked up with the plan. */
  leadUnitId?: string | null;
}

export interface DeadlinePlan {
  policyCode: string;
  supervisingUnitId: string | null;
  deadlines: Partial<Record<ClockKind, Deadline>>;
}

/**
 * Adds when a breach of this deadline reaches level 2, computed with the deadline itself so a breach
 * needs no further lookup: the policy's grace in working days after the due day.
 */
function withGrace(clock: SlaClock, policy: PolicyRow, deadline: Deadline): Deadline {
  return clock.withEscalation(deadline, policy.days[POLICY_COLUMN.escalation]);
}

/**
 * Deadlines in working days. The policy and the calendar are read at each computation, so a change of
 * either applies to every deadline computed after it and to none computed before.
 */
@Injectable()
export class SlaActivities {
  constructor(
    private readonly repository: SlaRepository,
    @Inject(SLA_TIME_SCALE) private readonly scale: TimeScale,
  ) {}

  /** Deadlines for tasks starting now: the policy's days for each kind, counted on the calendar. */
  async planDeadlines(request: PlanRequest): Promise<DeadlinePlan> {
    const { policy, clock, supervisingUnitId } = await this.reference(
      request.policy,
      request.leadUnitId ?? null,
    );
    const from = Date.parse(request.from);
    const deadlines: DeadlinePlan['deadlines'] = {};
    for (const kind of request.kinds) {
      const deadline = clock.deadline(from, policy.days[POLICY_COLUMN[kind]], policy.reminderPoints);
      deadlines[kind] = escalates(kind) ? withGrace(clock, policy, deadline) : deadline;
    }
    return { policyCode: policy.code, supervisingUnitId, deadlines };
  }

  /** A deadline so many working days from `from` (a resumed clock, a directive in working days). */
  async deadlineIn(request: {
    policy: PolicySelector;
    from: string;
    workingDays: number;
  }): Promise<Deadline> {
    const { policy, clock } = await this.reference(request.policy);
    return withGrace(
      clock,
      policy,
      clock.deadline(Date.parse(request.from), request.workingDays, policy.reminderPoints),
    );
  }

  /**
   * A deadline moved so many working days after the day it fell due (an approved extension), with its
   * grace period like any other: without one, missing the extended deadline went straight to level 2.
   */
  async extendDeadline(request: {
    policy: PolicySelector;
    from: string;
    dueDate: LocalDate;
    workingDays: number;
  }): Promise<Deadline> {
    const { policy, clock } = await this.reference(request.policy);
    return withGrace(
      clock,
      policy,
      clock.extend(request.dueDate, request.workingDays, Date.parse(request.from), policy.reminderPoints),
    );
  }

  /** A deadline at the end of a given date (a directive with a date). */
  async deadlineOn(request: { policy: PolicySelector; from: string; date: LocalDate }): Promise<Deadline> {
    const { policy, clock } = await this.reference(request.policy);
    return withGrace(
      clock,
      policy,
      clock.deadlineOn(request.date, Date.parse(request.from), policy.reminderPoints),
    );
  }

  /**
   * How long after closing the cadre may reopen the item: the policy's calendar days from `from`; null
   * when the policy gives no window.
   */
  async reopenWindow(request: { policy: PolicySelector; from: string }): Promise<Deadline | null> {
    const { policy, clock } = await this.reference(request.policy);
    const days = policy.days.reopen_days ?? 0;
    return days > 0 ? clock.calendarWindow(Date.parse(request.from), days) : null;
  }

  /** Whole working days left before a deadline, kept while a clock is paused. */
  async workingDaysLeft(request: { at: string; dueAt: string }): Promise<number> {
    return (await loadClock(this.repository, this.scale)).workingDaysLeft(
      Date.parse(request.at),
      Date.parse(request.dueAt),
    );
  }

  /** When a local date starts on the clock: a planned item falls due for verification then. */
  async startOfDate(date: LocalDate): Promise<string> {
    return new Date((await loadClock(this.repository, this.scale)).startOf(date)).toISOString();
  }

  /** The policy, the clock and the supervising body of `unitId`, from one read of the reference data. */
  private async reference(selector: PolicySelector, unitId: string | null = null) {
    const { policy, overrides, supervisingUnitId } = await this.repository.reference(selector, unitId);
    if (!policy) throw new Error('no SLA policy is defined: seed the reference data');
    return { policy, clock: clockOf(overrides, this.scale), supervisingUnitId };
  }
}

/** The SLA clock as the calendar and its overrides stand now. */
export async function loadClock(repository: SlaRepository, scale: TimeScale): Promise<SlaClock> {
  return clockOf(await repository.calendarOverrides(), scale);
}

function clockOf(overrides: CalendarDay[], scale: TimeScale): SlaClock {
  const calendar = new WorkingCalendar({ daysOfYear: (year) => vietnamDaysOfYear(year, overrides) });
  return new SlaClock(calendar, scale);
}
