import type { TaskChanges } from '@ngk/activities/recommendation.activities';
import { db } from '../activities';
import type { Item } from '../item';
import type { Handlers } from './handler';

/** Closes a pending extension request when the work it was for ends or moves. */
export function dropExtension(item: Item): NonNullable<TaskChanges['close']> {
  if (!item.state.pendingExtension) return [];
  item.state.pendingExtension = null;
  return [{ role: 'extension', status: 'cancelled', note: 'the task it was for ended' }];
}

/** More time for the lead unit: asked by its people, decided one level up from whoever asked. */
export const extensionHandlers: Handlers<'request-extension' | 'decide-extension'> = {
  'request-extension': async (item, input, { actor, base, statusAfter }) => {
    const { state } = item;
    // The lead unit's head decides an officer's request; the supervising body's head decides the head's.
    const approverUnitId =
      actor.role === 'unit-head' && state.supervisingUnitId ? state.supervisingUnitId : state.leadUnitId!;
    state.pendingExtension = {
      requestedByUserId: actor.userId,
      workingDays: input.workingDays,
      reason: input.reason,
      approverUnitId,
    };
    void item.record(statusAfter, {
      ...base,
      type: 'extension-requested',
      reason: input.reason,
      // The heads who decide hear of it.
      payload: { ...base.payload, approverUnitId, notify: [{ unitId: approverUnitId, role: 'unit-head' }] },
      tasks: { open: [{ unitId: approverUnitId, role: 'extension' }] },
    });
  },

  'decide-extension': async (item, input, { base, statusAfter }) => {
    const { state, clocks } = item;
    const request = state.pendingExtension!;
    state.pendingExtension = null;
    const close = [
      {
        role: 'extension' as const,
        status: 'done' as const,
        note: `${input.decision}: ${input.reason ?? ''}`,
      },
    ];
    if (input.decision === 'refuse') {
      void item.record(statusAfter, {
        ...base,
        type: 'extension-refused',
        reason: input.reason ?? null,
        payload: { ...base.payload, workingDays: request.workingDays },
        tasks: { close },
      });
      return;
    }
    const clock = clocks.find('resolution');
    let change: Record<string, unknown> = { workingDays: request.workingDays, reason: request.reason };
    if (clock && clock.pausedLeft !== null) {
      clocks.lengthenPause(clock, request.workingDays);
      change = { ...change, workingDaysLeft: clock.pausedLeft };
    } else if (clock) {
      const before = clock.dueAt;
      const deadline = await db.extendDeadline({
        policy: item.policy(),
        from: item.now(),
        dueDate: clock.dueDate,
        workingDays: request.workingDays,
      });
      clocks.start('resolution', deadline);
      // A deadline moved past now cures the breach; the level reached stays on record.
      if (!clocks.overdue()) clocks.stop((c) => c.kind === 'escalation');
      change = { ...change, before, after: deadline.dueAt };
    }
    state.extensionCount += 1;
    void item.record(statusAfter, {
      ...base,
      type: 'extension-approved',
      reason: input.reason ?? null,
      payload: { ...base.payload, deadline: change },
      tasks: { close },
    });
  },
};
