import { db } from '../activities';
import type { Handlers } from './handler';
import { routeTo } from './routing';

/** The Standing Committee rules on an escalated item: a new lead unit, a new deadline, or closure. */
export const directiveHandlers: Handlers<'directive'> = {
  directive: async (item, input, { base, statusAfter }) => {
    const { state, clocks } = item;
    const closeDirective = { role: 'directive' as const, status: 'done' as const, note: input.reason };
    if (input.kind === 'new-lead-unit') {
      return routeTo(item, {
        leadUnitId: input.leadUnitId!,
        coordinatingUnitIds: state.coordinatingUnitIds,
        type: 'directive-new-lead-unit',
        base,
        reason: input.reason,
        alsoClose: [closeDirective],
      });
    }
    if (input.kind === 'close') {
      // The committee's word is final: the cadre may not reopen an item it closed.
      clocks.stopAll();
      state.closedByDirective = true;
      void item.record(statusAfter, {
        ...base,
        type: 'directive-close',
        reason: input.reason,
        patch: { closedByDirective: true },
        tasks: { close: [closeDirective] },
      });
      return;
    }
    // A new deadline: the lead unit starts again on the date or the working days the committee set.
    const deadline = input.dueDate
      ? await db.deadlineOn({ policy: item.policy(), from: item.now(), date: input.dueDate })
      : await db.deadlineIn({ policy: item.policy(), from: item.now(), workingDays: input.workingDays! });
    clocks.stopAll();
    clocks.start('resolution', deadline);
    state.escalationLevel = 0;
    void item.record(statusAfter, {
      ...base,
      type: 'directive-new-deadline',
      reason: input.reason,
      payload: { ...base.payload, deadline: { after: deadline.dueAt, reason: 'directive' } },
      tasks: { close: [closeDirective], open: [{ unitId: state.leadUnitId!, role: 'lead' }] },
    });
  },
};
