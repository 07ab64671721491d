import { db } from '../activities';
import type { Item } from '../item';
import type { Handlers } from './handler';
import { routeTo } from './routing';

/**
 * As an item closes (other than by the Standing Committee's directive): the window in which its cadre may
 * reopen it starts, for items started since reopening exists. The workflow waits for it to pass.
 */
export async function startReopenWindow(item: Item): Promise<void> {
  if (!item.state.reopenable) return;
  const window = await db.reopenWindow({ policy: item.policy(), from: item.now() });
  if (window) item.clocks.start('reopen', window);
}

/** The cadre reopens a closed item within its window: back to its last lead unit, on fresh deadlines. */
export const reopenHandlers: Handlers<'reopen'> = {
  reopen: async (item, input, { base }) => {
    const { state } = item;
    state.reopenedCount = (state.reopenedCount ?? 0) + 1;
    state.outcome = null;
    state.planDate = null;
    // A new round for the lead unit: the escalation ladder starts again, as for a first routing.
    state.escalationLevel = 0;
    return routeTo(item, {
      leadUnitId: state.leadUnitId!,
      coordinatingUnitIds: state.coordinatingUnitIds,
      type: 'reopened-after-closure',
      base,
      reason: input.reason,
      patch: {
        outcome: null,
        response: null,
        planDate: null,
        budgetYear: null,
        reopenedCount: state.reopenedCount,
      },
    });
  },
};
