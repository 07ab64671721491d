import { db } from '../activities';
import { dropExtension } from './extension';
import type { Handlers } from './handler';

/** The lead unit at work: it acknowledges, asks the cadre, reports progress and answers; others give opinions. */
export const handlingHandlers: Handlers<
  'acknowledge' | 'coordinate' | 'request-info' | 'provide-info' | 'progress' | 'resolve'
> = {
  acknowledge: async (item, input, { base, statusAfter }) => {
    item.clocks.stop((c) => c.kind === 'acknowledge');
    void item.record(statusAfter, { ...base, type: 'acknowledged', reason: input.note ?? null });
  },

  coordinate: async (item, input, { actor, base, statusAfter }) => {
    const { state } = item;
    state.pendingCoordinationUnitIds = state.pendingCoordinationUnitIds.filter((u) => u !== actor.unitId);
    state.coordinationGivenUnitIds.push(actor.unitId!);
    item.clocks.stop((c) => c.kind === 'coordination' && c.unitId === actor.unitId);
    void item.record(statusAfter, {
      ...base,
      type: 'coordination-opinion',
      reason: null,
      tasks: {
        close: [{ role: 'coordinating', unitId: actor.unitId!, status: 'done', note: input.opinion }],
      },
    });
  },

  'request-info': async (item, input, { base, statusAfter }) => {
    // The clock pauses with the working days it had left; they are given back when the cadre answers.
    const clock = item.clocks.find('resolution');
    if (clock) {
      const left = await db.workingDaysLeft({ at: item.now(), dueAt: clock.dueAt });
      item.clocks.pause(clock, left);
    }
    void item.record(statusAfter, {
      ...base,
      type: 'info-requested',
      reason: input.question,
      payload: { ...base.payload, clock: { paused: true, workingDaysLeft: clock?.pausedLeft ?? null } },
    });
  },

  'provide-info': async (item, _input, { base, statusAfter }) => {
    const clock = item.clocks.find('resolution');
    let change: Record<string, unknown> | null = null;
    if (clock && clock.pausedLeft !== null) {
      const before = clock.dueAt;
      const left = clock.pausedLeft;
      const deadline = await db.deadlineIn({ policy: item.policy(), from: item.now(), workingDays: left });
      item.clocks.start('resolution', deadline);
      change = { before, after: deadline.dueAt, workingDaysLeft: left, reason: 'clock resumed' };
    }
    void item.record(statusAfter, {
      ...base,
      type: 'info-provided',
      reason: null,
      payload: { ...base.payload, deadline: change },
    });
  },

  progress: async (item, input, { base, statusAfter }) => {
    void item.record(statusAfter, { ...base, type: 'progress', reason: input.note });
  },

  resolve: async (item, input, { base, statusAfter }) => {
    const { state, clocks } = item;
    const plan = await db.planDeadlines({ policy: item.policy(), from: item.now(), kinds: ['feedback'] });
    state.outcome = input.outcome;
    state.planDate = input.outcome === 'planned' ? input.planDate! : null;
    clocks.stop((c) => c.kind !== 'plan');
    clocks.start('feedback', plan.deadlines.feedback!);
    void item.record(statusAfter, {
      ...base,
      type: 'resolved',
      reason: input.reason ?? null,
      payload: { ...base.payload, deadlines: plan.deadlines },
      patch: {
        outcome: input.outcome,
        response: input.response,
        planDate: state.planDate,
        budgetYear: input.outcome === 'planned' ? input.budgetYear! : null,
      },
      tasks: { close: [{ role: 'lead', status: 'done', note: input.response }, ...dropExtension(item)] },
    });
  },
};
