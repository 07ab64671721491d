import { getExternalWorkflowHandle, log } from '@temporalio/workflow';
import { duplicateMergedSignal, type DuplicateMerged } from '@ngk/definitions';
import { db } from '../activities';
import type { Item } from '../item';
import type { Handlers } from './handler';

/**
 * The lead unit merges the item into the one it duplicates: every clock stops, every open task ends, and
 * no reopening window starts (its cadre follows the original instead, so the workflow ends here). The
 * original's workflow is told, so its timeline notes the merge.
 */
export const duplicateHandlers: Handlers<'mark-duplicate'> = {
  'mark-duplicate': async (item, input, { base, statusAfter }) => {
    const { state, clocks } = item;
    // Read before anything changes: one database call at a time, as on replay.
    const original = await db.itemBrief({ recommendationId: input.originalId });
    const self = await db.itemBrief({ recommendationId: state.recommendationId });
    clocks.stopAll();
    state.duplicateOfId = input.originalId;
    state.pendingExtension = null;
    state.pendingCoordinationUnitIds = [];
    // The holder's own work is done by the merge; what it waited on from others is no longer needed.
    const done = { status: 'done' as const, note: input.reason };
    const cancelled = { status: 'cancelled' as const, note: input.reason };
    await item.record(statusAfter, {
      ...base,
      type: 'marked-duplicate',
      reason: input.reason,
      payload: {
        ...base.payload,
        original: original && { id: original.id, reference: original.reference, title: original.title },
      },
      patch: { duplicateOfId: input.originalId },
      tasks: {
        close: [
          { role: 'lead', ...done },
          { role: 'triage', ...done },
          { role: 'coordinating', ...cancelled },
          { role: 'extension', ...cancelled },
          { role: 'directive', ...cancelled },
        ],
      },
    });
    if (!original) return;
    const merged: DuplicateMerged = {
      duplicate: {
        id: state.recommendationId,
        reference: self?.reference ?? '',
        title: self?.title ?? item.input.submission.title,
      },
      reason: input.reason,
      actorUserId: base.actorUserId!,
      actorUnitId: base.actorUnitId,
      actorRole: base.actorRole ?? 'unit-officer',
    };
    try {
      await getExternalWorkflowHandle(original.workflowId).signal(duplicateMergedSignal, merged);
    } catch (err) {
      // The original's life ended since the API checked it: its timeline is final, the merge stands.
      log.warn('the original of a duplicate could not be told', { originalId: original.id, err });
    }
  },
};

/** The original's side: its timeline notes the duplicate merged into it; its handling goes on unchanged. */
export function noteMergedDuplicate(item: Item, merged: DuplicateMerged): Promise<void> {
  return item.turns.run(() =>
    item.record(item.state.status, {
      type: 'duplicate-merged',
      actorUserId: merged.actorUserId,
      actorUnitId: merged.actorUnitId,
      actorRole: merged.actorRole,
      requestId: null,
      reason: merged.reason,
      payload: { duplicate: merged.duplicate },
    }),
  );
}
