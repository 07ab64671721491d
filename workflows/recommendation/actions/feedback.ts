import type { ClockKind } from '@ngk/domain';
import { db } from '../activities';
import type { Item } from '../item';
import type { Handlers } from './handler';
import { startReopenWindow } from './reopen';

/** The plan date's clock: the follow-up ("kiểm") falls due when that day starts. */
export async function startPlanClock(item: Item): Promise<void> {
  const planDate = item.state.planDate!;
  const dueAt = await db.startOfDate(planDate);
  item.clocks.start('plan', { dueAt, dueDate: planDate, remindAt: [], workingDays: 0 });
}

/** The cadre's word on the answer, and later on whether the promised work was done. */
export const feedbackHandlers: Handlers<'feedback' | 'verify'> = {
  feedback: async (item, input, { base, statusAfter }) => {
    const { state, clocks } = item;
    if (input.verdict === 'dispute') {
      state.disputeCount += 1;
      const back = statusAfter === 'in-progress';
      const kind: ClockKind = back ? 'resolution' : 'directive';
      const plan = await db.planDeadlines({ policy: item.policy(), from: item.now(), kinds: [kind] });
      clocks.stop((c) => c.kind === 'feedback');
      clocks.start(kind, plan.deadlines[kind]!);
      void item.record(statusAfter, {
        ...base,
        type: back ? 'disputed' : 'disputed-to-standing-committee',
        reason: input.reason ?? null,
        payload: { ...base.payload, deadlines: plan.deadlines },
        patch: { disputeCount: state.disputeCount, outcome: null },
        tasks: back
          ? { open: [{ unitId: state.leadUnitId!, role: 'lead' }] }
          : { open: [{ unitId: item.input.standingCommitteeUnitId, role: 'directive' }] },
      });
      return;
    }
    clocks.stop((c) => c.kind === 'feedback');
    if (statusAfter === 'planned') await startPlanClock(item);
    if (statusAfter === 'closed') await startReopenWindow(item);
    void item.record(statusAfter, { ...base, type: 'accepted', reason: null });
  },

  verify: async (item, input, { base, statusAfter }) => {
    const plan =
      input.verdict === 'reopen'
        ? await db.planDeadlines({ policy: item.policy(), from: item.now(), kinds: ['resolution'] })
        : null;
    item.clocks.stopAll();
    if (plan) item.clocks.start('resolution', plan.deadlines.resolution!);
    if (statusAfter === 'closed') await startReopenWindow(item);
    void item.record(statusAfter, {
      ...base,
      type: input.verdict === 'done' ? 'verified' : 'reopened',
      reason: input.reason ?? null,
      payload: plan ? { ...base.payload, deadlines: plan.deadlines } : base.payload,
      patch: input.verdict === 'reopen' ? { outcome: null } : undefined,
      tasks:
        input.verdict === 'reopen' ? { open: [{ unitId: item.state.leadUnitId!, role: 'lead' }] } : undefined,
    });
  },
};
