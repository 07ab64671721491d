import { db } from '../activities';
import { dropExtension } from './extension';
import type { Handlers } from './handler';

/** Patch id: the cadre asked for information has the policy's working days to answer (see timers.ts). */
const INFO_DEADLINE = 'info-deadline';

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
    // The clock pauses with the working days it had left; they are given back when the cadre answers,
    // or when the cadre's own time to answer (the policy's, with reminders) has passed.
    const clock = item.clocks.find('resolution');
    const left = clock ? await db.workingDaysLeft({ at: item.now(), dueAt: clock.dueAt }) : null;
    // Items that asked before this rule replay without it (patched() is false only while replaying them).
    const plan = item.patches.has(INFO_DEADLINE)
      ? await db.planDeadlines({ policy: item.policy(), from: item.now(), kinds: ['info'] })
      : null;
    if (clock) item.clocks.pause(clock, left!);
    const infoDue = plan?.deadlines.info ?? null;
    if (infoDue) item.clocks.start('info', infoDue);
    void item.record(statusAfter, {
      ...base,
      type: 'info-requested',
      reason: input.question,
      payload: {
        ...base.payload,
        clock: { paused: true, workingDaysLeft: clock?.pausedLeft ?? null },
        ...(infoDue ? { infoDueAt: infoDue.dueAt, infoWorkingDays: infoDue.workingDays } : {}),
      },
    });
  },

  'provide-info': async (item, _input, { base, statusAfter }) => {
    // Only when one runs: stopping no clock would still wake the timer loop, which items answered
    // before the cadre had a deadline did not do.
    if (item.clocks.find('info')) item.clocks.stop((c) => c.kind === 'info');
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
