import { Inject, Injectable } from '@nestjs/common';
import { SlaClock, TimeScale, type ClockKind, type Deadline, type LocalDate } from '@ngk/domain';
import {
  planDeadlines,
  policyAndClock,
  slaClockOf,
  withGrace,
  type DeadlinePlan,
  type PolicySelector,
} from '@ngk/domain/deadline-plan';
import { SlaRepository } from './sla.repository';

export type { DeadlinePlan, PolicySelector };

/** The clock (real, or shortened for tests and demos) that deadlines are computed on. */
export const SLA_TIME_SCALE = Symbol('SLA_TIME_SCALE');

export interface PlanRequest {
  policy: PolicySelector;
  /** When the tasks start (ISO). */
  from: string;
  kinds: ClockKind[];
  /** The lead unit, whose supervising body is looked up with the plan. */
  leadUnitId?: string | null;
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
    const reference = await this.repository.reference(request.policy, request.leadUnitId ?? null);
    return planDeadlines(reference, this.scale, request.from, request.kinds);
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
    return policyAndClock(await this.repository.reference(selector, unitId), this.scale);
  }
}

/** The SLA clock as the calendar and its overrides stand now. */
export async function loadClock(repository: SlaRepository, scale: TimeScale): Promise<SlaClock> {
  return slaClockOf(await repository.calendarOverrides(), scale);
}
