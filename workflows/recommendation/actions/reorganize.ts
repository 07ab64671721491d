import { planItem, reassignedUnits, reorganizationReason, replaceUnits } from '@ngk/domain';
import type { RecommendationStatus } from '@ngk/domain';
import type { ReorganizeRequest } from '@ngk/definitions';
import type { TaskChanges } from '@ngk/activities/recommendation.activities';
import { db } from '../activities';
import type { Item } from '../item';

/** Statuses in which the lead unit has its task open: the item is with it, to acknowledge or to handle. */
const LEAD_AT_WORK: readonly RecommendationStatus[] = ['routed', 'awaiting-info', 'in-progress'];

/**
 * A reorganization hands the item's work from ended units to their successors, as the decision says: the
 * successor takes the work as it stands (status, deadlines, opinions given), so nothing restarts and
 * nothing is laundered. Returns false, recording nothing, when no ended unit holds the item.
 */
export async function reorganize(item: Item, request: ReorganizeRequest): Promise<boolean> {
  const { state, clocks } = item;
  const plan = planItem(
    {
      leadUnitId: state.leadUnitId,
      coordinatingUnitIds: [...state.coordinatingUnitIds, ...state.pendingCoordinationUnitIds],
    },
    request.moves,
  );
  if (plan.kind !== 'move') return false;
  const { moves } = plan;
  const leadBefore = state.leadUnitId;
  const pendingBefore = state.pendingCoordinationUnitIds;
  const units = reassignedUnits(state, moves);
  // A new lead answers to its own supervising body (computed first, then the state changes).
  const supervisingUnitId =
    units.leadUnitId !== leadBefore && units.leadUnitId !== null
      ? (
          await db.planDeadlines({
            policy: item.policy(),
            from: item.now(),
            kinds: [],
            leadUnitId: units.leadUnitId,
          })
        ).supervisingUnitId
      : state.supervisingUnitId;
  state.leadUnitId = units.leadUnitId;
  state.coordinatingUnitIds = units.coordinatingUnitIds;
  state.pendingCoordinationUnitIds = replaceUnits(pendingBefore, moves, units.leadUnitId);
  state.coordinationGivenUnitIds = replaceUnits(state.coordinationGivenUnitIds, moves);
  state.supervisingUnitId = supervisingUnitId;
  // An extension waiting on an ended unit's head waits on its successor's.
  const approver = state.pendingExtension?.approverUnitId;
  if (state.pendingExtension && approver && approver in moves)
    state.pendingExtension = { ...state.pendingExtension, approverUnitId: moves[approver] };
  clocks.reassign(moves, state.pendingCoordinationUnitIds);

  const reason = reorganizationReason(request.decision, moves, request.names);
  const close: NonNullable<TaskChanges['close']> = [];
  const open: NonNullable<TaskChanges['open']> = [];
  if (leadBefore !== null && leadBefore !== state.leadUnitId) {
    const role = state.status === 'triage' ? 'triage' : 'lead';
    close.push({ role, unitId: leadBefore, status: 'cancelled', note: reason });
    if (role === 'triage' || LEAD_AT_WORK.includes(state.status))
      open.push({ unitId: state.leadUnitId!, role });
  }
  for (const unitId of pendingBefore.filter((u) => u in moves)) {
    close.push({ role: 'coordinating', unitId, status: 'cancelled', note: reason });
    const successor = moves[unitId];
    const opens = state.pendingCoordinationUnitIds.includes(successor) && !pendingBefore.includes(successor);
    if (opens && !open.some((t) => t.unitId === successor))
      open.push({ unitId: successor, role: 'coordinating' });
  }
  void item.record(state.status, {
    actorUserId: null,
    actorUnitId: null,
    type: 'reorganized',
    reason,
    payload: { reorganizationId: request.reorganizationId, decision: request.decision, moves },
    patch: { leadUnitId: state.leadUnitId, coordinatingUnitIds: state.coordinatingUnitIds },
    tasks: { close, open },
  });
  return true;
}
