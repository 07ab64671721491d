import { handOverRefusal } from '@ngk/domain';
import type { HandOverRequest } from '@ngk/definitions';
import type { Item } from './item';

/**
 * A reassignment of the item's commune: the item, waiting for its cadre, goes to the new cadre, who may
 * act on it from now on and hears of it; the cadre who handed it over is told too. Nothing else changes:
 * the status and every deadline run on as they were.
 */
export function handOver(item: Item, request: HandOverRequest): Promise<void> {
  const { state } = item;
  const refusal = handOverRefusal(state, request.fromUserId, request.toUserId);
  if (refusal) item.refuse(refusal);
  state.cadreInChargeUserId = request.toUserId;
  return item.record(state.status, {
    type: 'handed-over',
    actorUserId: request.actorUserId,
    actorUnitId: null,
    actorRole: 'admin',
    requestId: request.requestId ?? null,
    reason: `Chuyển cho cán bộ ${request.toDisplayName} theo Quyết định ${request.decisionNo}`,
    payload: {
      assignmentId: request.assignmentId,
      decisionNo: request.decisionNo,
      fromUserId: request.fromUserId,
      toUserId: request.toUserId,
      notify: [{ userId: request.fromUserId }],
    },
    patch: { cadreInCharge: request.toUserId },
  });
}
