import { routingClockKinds, type RecommendationEventType } from '@ngk/domain';
import type { DeadlinePlan } from '@ngk/activities/sla.activities';
import type { RecommendationPatch, TaskChanges } from '@ngk/activities/recommendation.activities';
import { db } from '../activities';
import type { Item } from '../item';
import type { EventBase } from '../projector';
import { dropExtension } from './extension';
import type { Handlers } from './handler';

export interface RouteOptions {
  leadUnitId: string;
  coordinatingUnitIds: string[];
  /** The event recorded. */
  type: RecommendationEventType;
  base: EventBase;
  reason: string | null;
  /** Routed to a unit that handles it, or back to the triage office. */
  status?: 'routed' | 'triage';
  /** Tasks the routing ends besides those it always ends (a directive's). */
  alsoClose?: NonNullable<TaskChanges['close']>;
  /** Read-model fields the event sets besides the units (a reopening clears the outcome). */
  patch?: RecommendationPatch;
  /** The deadlines, when they were planned with the routing decision (a submission's first routing). */
  plan?: DeadlinePlan;
}

/** Patch id: a breach and the level it reached survive a transfer (see keepsBreach). */
const BREACH_SURVIVES_TRANSFER = 'breach-survives-transfer';

/**
 * Gives the item to a lead unit and its coordinating units: the previous lead's open task is cancelled,
 * coordinating units no longer concerned are released, and those who already gave an opinion are not
 * asked again. Every task starting here gets its deadlines, and the escalation ladder starts again.
 */
export async function routeTo(item: Item, options: RouteOptions): Promise<void> {
  const { state, clocks } = item;
  const { leadUnitId, type, base, reason, status = 'routed', alsoClose = [] } = options;
  const coordinating = status === 'triage' ? [] : options.coordinatingUnitIds.filter((u) => u !== leadUnitId);
  const pending = coordinating.filter((u) => !state.coordinationGivenUnitIds.includes(u));
  const toOpen = pending.filter((u) => !state.pendingCoordinationUnitIds.includes(u));
  const kinds = routingClockKinds(status === 'triage', toOpen.length > 0);
  const plan =
    options.plan ?? (await db.planDeadlines({ policy: item.policy(), from: item.now(), kinds, leadUnitId }));

  const hadLead = state.leadUnitId !== null;
  const toCancel = state.pendingCoordinationUnitIds.filter((u) => !pending.includes(u));
  // A unit that let a deadline pass cannot launder the breach by handing the item on (or back): its
  // missed deadline, the grace period running to level 2 and the level reached stay. Only the
  // Standing Committee's directive of a new lead unit starts the ladder again.
  const keepsBreach =
    state.escalationLevel > 0 &&
    type !== 'directive-new-lead-unit' &&
    item.patches.has(BREACH_SURVIVES_TRANSFER);
  const breach = keepsBreach ? clocks.carryBreach(state.leadUnitId) : [];
  state.leadUnitId = leadUnitId;
  state.coordinatingUnitIds = coordinating;
  state.pendingCoordinationUnitIds = pending;
  state.policyCode = plan.policyCode;
  state.supervisingUnitId = plan.supervisingUnitId;
  if (!keepsBreach) state.escalationLevel = 0;
  clocks.stop((c) => !breach.includes(c) && (c.kind !== 'coordination' || !pending.includes(c.unitId!)));
  for (const kind of kinds) if (kind !== 'coordination') clocks.start(kind, plan.deadlines[kind]!);
  for (const unitId of toOpen) clocks.start('coordination', plan.deadlines.coordination!, unitId);

  const close: NonNullable<TaskChanges['close']> = [
    ...(hadLead ? [{ role: 'lead' as const, status: 'cancelled' as const, note: reason ?? type }] : []),
    ...(hadLead ? [{ role: 'triage' as const, status: 'done' as const }] : []),
    ...toCancel.map((unitId) => ({ role: 'coordinating' as const, unitId, status: 'cancelled' as const })),
    ...dropExtension(item),
    ...alsoClose,
  ];
  void item.record(status, {
    ...base,
    type,
    reason,
    payload: { ...base.payload, deadlines: plan.deadlines },
    patch: { ...options.patch, leadUnitId, coordinatingUnitIds: coordinating },
    tasks: {
      close,
      open: [
        { unitId: leadUnitId, role: status === 'triage' ? 'triage' : 'lead' },
        ...toOpen.map((unitId) => ({ unitId, role: 'coordinating' as const })),
      ],
    },
  });
}

/** The triage office routes by hand; a lead unit hands the item on, to another unit or back to triage. */
export const routingHandlers: Handlers<'route' | 'transfer'> = {
  route: async (item, input, { base }) =>
    routeTo(item, {
      leadUnitId: input.leadUnitId,
      coordinatingUnitIds: input.coordinatingUnitIds,
      type: 'routed-by-triage',
      base,
      reason: input.note ?? null,
    }),
  transfer: async (item, input, { base }) =>
    input.toUnitId === null
      ? routeTo(item, {
          leadUnitId: item.input.triageUnitId,
          coordinatingUnitIds: [],
          type: 'transferred-to-triage',
          base,
          reason: input.reason,
          status: 'triage',
        })
      : routeTo(item, {
          leadUnitId: input.toUnitId,
          coordinatingUnitIds: item.state.coordinatingUnitIds,
          type: 'transferred',
          base,
          reason: input.reason,
        }),
};
