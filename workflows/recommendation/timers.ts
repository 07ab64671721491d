import { cadreInCharge, statusAfterTimer } from '@ngk/domain';
import type { Clock } from '@ngk/definitions';
import { db } from './activities';
import { startPlanClock } from './actions/feedback';
import { dropExtension } from './actions/extension';
import { startReopenWindow } from './actions/reopen';
import type { ClockPoint } from './clocks';
import type { Item } from './item';
import type { EventBase } from './projector';

const SYSTEM: EventBase = { actorUserId: null, actorUnitId: null, payload: {} };

/** Whom a clock's reminders and breaches are for. */
function recipients(item: Item, clock: Clock): { unitId?: string; userId?: string; role?: string }[] {
  switch (clock.kind) {
    case 'coordination':
      return [{ unitId: clock.unitId! }];
    case 'feedback':
    case 'verification':
    case 'plan':
    case 'info':
      return [{ userId: cadreInCharge(item.state) }];
    case 'directive':
      return [{ unitId: item.input.standingCommitteeUnitId }];
    default:
      return item.state.leadUnitId ? [{ unitId: item.state.leadUnitId }] : [];
  }
}

/** A reminder or a deadline has come; its clock may have stopped or moved while this waited. */
export async function fire(item: Item, point: ClockPoint): Promise<void> {
  const { state, clocks } = item;
  const { clock } = point;
  if (!clocks.isRunning(clock)) return;
  const about = {
    clock: clock.kind,
    unitId: clock.unitId,
    dueAt: clock.dueAt,
    notify: recipients(item, clock),
  };
  const unchanged = () => statusAfterTimer(item.snapshot(), 'deadline-passed');
  if (point.what === 'reminder') {
    if (clock.remindAt[0] !== point.at) return;
    clocks.reminderSent(clock);
    void item.record(unchanged(), { ...SYSTEM, type: 'reminder', reason: null, payload: about });
    return;
  }
  if (clock.missed || clock.dueAt !== point.at) return;
  switch (clock.kind) {
    case 'plan': {
      const plan = await db.planDeadlines({
        policy: item.policy(),
        from: item.now(),
        kinds: ['verification'],
      });
      clocks.stop((c) => c === clock);
      clocks.start('verification', plan.deadlines.verification!);
      void item.record(statusAfterTimer(item.snapshot(), 'plan-date-reached'), {
        ...SYSTEM,
        type: 'verification-due',
        reason: null,
        payload: { planDate: state.planDate, notify: recipients(item, clock), deadlines: plan.deadlines },
      });
      return;
    }
    case 'feedback': {
      const statusAfter = statusAfterTimer(item.snapshot(), 'feedback-window-closed');
      clocks.stop((c) => c === clock);
      if (statusAfter === 'planned') await startPlanClock(item);
      if (statusAfter === 'closed') await startReopenWindow(item);
      void item.record(statusAfter, {
        ...SYSTEM,
        type: 'accepted-by-silence',
        reason: 'the feedback window ended without an answer',
        payload: about,
      });
      return;
    }
    case 'escalation':
      clocks.stop((c) => c === clock);
      if (clocks.overdue()) await escalateToStandingCommittee(item, about);
      return;
    case 'info':
      return infoDeadlinePassed(item, clock, about);
    case 'reopen':
      // The window has passed without a reopening: the item's life is over.
      clocks.stop((c) => c === clock);
      return;
    case 'triage':
    case 'acknowledge':
    case 'resolution': {
      clocks.missed(clock);
      if (clocks.find('escalation')) {
        void item.record(unchanged(), { ...SYSTEM, type: 'deadline-missed', reason: null, payload: about });
        return;
      }
      // Level 1: the lead unit's head and its supervising body are told; the grace period starts.
      state.escalationLevel = Math.max(state.escalationLevel, 1);
      const notify = [
        ...(state.leadUnitId ? [{ unitId: state.leadUnitId, role: 'unit-head' }] : []),
        ...(state.supervisingUnitId ? [{ unitId: state.supervisingUnitId }] : []),
      ];
      // The grace period was computed with the deadline: the breach itself needs no lookup.
      const grace = clock.escalation ?? {
        dueAt: clock.dueAt,
        dueDate: clock.dueDate,
        remindAt: [],
        workingDays: 0,
      };
      const level2At = grace.dueAt;
      clocks.start('escalation', grace);
      void item.record(unchanged(), {
        ...SYSTEM,
        type: 'escalated',
        reason: `${clock.kind} deadline passed`,
        payload: { ...about, level: 1, notify, level2At },
      });
      return;
    }
    default:
      // Coordination, verification and directive deadlines are chased, not escalated.
      clocks.missed(clock);
      void item.record(unchanged(), { ...SYSTEM, type: 'deadline-missed', reason: null, payload: about });
      return;
  }
}

/**
 * The cadre has not given the information in time. The resolution clock runs again by itself, with the
 * working days it had left, and the lead unit is told: it may resolve without the information, or ask
 * again. Nothing waits on the cadre without a deadline (README, "Waiting on the cadre").
 */
async function infoDeadlinePassed(item: Item, clock: Clock, about: Record<string, unknown>): Promise<void> {
  const { clocks } = item;
  const resolution = clocks.find('resolution');
  let change: Record<string, unknown> | null = null;
  if (resolution && resolution.pausedLeft !== null) {
    const left = resolution.pausedLeft;
    const deadline = await db.deadlineIn({ policy: item.policy(), from: item.now(), workingDays: left });
    change = {
      before: resolution.dueAt,
      after: deadline.dueAt,
      workingDaysLeft: left,
      reason: 'clock resumed',
    };
    clocks.start('resolution', deadline);
  }
  clocks.stop((c) => c === clock);
  void item.record(statusAfterTimer(item.snapshot(), 'info-deadline-passed'), {
    ...SYSTEM,
    type: 'info-deadline-passed',
    reason: 'the cadre did not give the information in time',
    payload: { ...about, deadline: change },
  });
}

/** Level 2: still overdue after the grace period, the Standing Committee must issue a directive. */
async function escalateToStandingCommittee(item: Item, about: Record<string, unknown>): Promise<void> {
  const { state, clocks, input } = item;
  const plan = await db.planDeadlines({ policy: item.policy(), from: item.now(), kinds: ['directive'] });
  const holder = state.status === 'triage' ? ('triage' as const) : ('lead' as const);
  const missed = clocks.missedEscalating();
  const statusAfter = statusAfterTimer(item.snapshot(), 'grace-period-ended');
  state.escalationLevel = 2;
  clocks.stopAll();
  clocks.start('directive', plan.deadlines.directive!);
  void item.record(statusAfter, {
    actorUserId: null,
    actorUnitId: null,
    type: 'escalated',
    reason: 'still overdue after the grace period',
    payload: {
      ...about,
      level: 2,
      missed: missed.map((c) => ({ clock: c.kind, dueAt: c.dueAt })),
      deadlines: plan.deadlines,
      notify: [{ unitId: input.standingCommitteeUnitId }],
    },
    tasks: {
      close: [
        { role: holder, status: 'cancelled', note: 'escalated to the Standing Committee' },
        ...dropExtension(item),
      ],
      open: [{ unitId: input.standingCommitteeUnitId, role: 'directive' }],
    },
  });
}
