import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  ACTIONS,
  allowedActions,
  checkInput,
  nextStatus,
  type ActionInput,
  type ActorContext,
  type LifecycleSnapshot,
} from '@ngk/domain';
import type {
  ProjectedEvent,
  RecommendationActivities,
  TaskChanges,
} from '@ngk/activities/recommendation.activities';
import {
  actionUpdates,
  getStateQuery,
  submitUpdate,
  type ActionRequest,
  type RecommendationState,
  type RecommendationWorkflowInput,
  type RefusalDetails,
} from './recommendation.definitions';
import { SEARCH_ATTRIBUTES } from './search-attributes';

/** Reading reference data and writing the read model are short database calls; retry them patiently. */
const db = proxyActivities<RecommendationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Sequence number of the routing event: submitted is 1, routed (or sent to triage) is 2. */
const ROUTED_SEQ = 2;

/** Plan dates are local dates in Việt Nam; the follow-up falls due at the start of that day. */
const VIETNAM_OFFSET = '+07:00';

type EventDraft = Omit<
  ProjectedEvent,
  'seq' | 'recommendationId' | 'statusBefore' | 'statusAfter' | 'occurredAt'
>;

/** One recommendation, from submission to closure (PRODUCT.md, "The lifecycle of one recommendation"). */
export async function recommendationWorkflow(input: RecommendationWorkflowInput): Promise<void> {
  const { submission } = input;
  const state: RecommendationState = {
    recommendationId: input.recommendationId,
    submittedByUserId: submission.submittedByUserId,
    status: 'submitted',
    leadUnitId: null,
    coordinatingUnitIds: [],
    pendingCoordinationUnitIds: [],
    coordinationGivenUnitIds: [],
    disputeCount: 0,
    outcome: null,
    planDate: null,
    lastEventSeq: 0,
    projectedSeq: 0,
  };

  // Projections run one at a time, in sequence order, whatever order the handlers finish in.
  let projections: Promise<unknown> = Promise.resolve();
  const record = (statusAfter: RecommendationState['status'], draft: EventDraft): Promise<void> => {
    const event: ProjectedEvent = {
      ...draft,
      recommendationId: state.recommendationId,
      seq: state.lastEventSeq + 1,
      statusBefore: state.lastEventSeq === 0 ? null : state.status,
      statusAfter,
      occurredAt: new Date().toISOString(),
    };
    state.lastEventSeq = event.seq;
    state.status = statusAfter;
    const done = projections.then(async () => {
      await db.projectEvent(event);
      state.projectedSeq = event.seq;
    });
    projections = done;
    upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTES.status, value: state.status },
      { key: SEARCH_ATTRIBUTES.leadUnit, value: state.leadUnitId ?? '' },
    ]);
    return done;
  };

  const snapshot = (): LifecycleSnapshot => ({
    status: state.status,
    submittedByUserId: state.submittedByUserId,
    leadUnitId: state.leadUnitId,
    pendingCoordinationUnitIds: state.pendingCoordinationUnitIds,
    disputeCount: state.disputeCount,
    outcome: state.outcome,
  });

  setHandler(getStateQuery, () => state);
  setHandler(submitUpdate, async () => {
    await condition(() => state.projectedSeq >= ROUTED_SEQ);
    return state;
  });
  for (const action of ACTIONS) {
    setHandler(
      actionUpdates[action],
      async (request: ActionRequest) => {
        await apply(request.actor, request.input);
        const seq = state.lastEventSeq;
        await condition(() => state.projectedSeq >= seq);
        return state;
      },
      {
        // Refused before anything reaches history: the caller learns why, nothing is written.
        validator: (request: ActionRequest) => {
          if (request.input?.action !== action)
            refuse({ code: 'invalid', field: 'action', reason: 'action mismatch' });
          const refusal = checkInput(snapshot(), request.actor, request.input);
          if (refusal) refuse(refusal, request.actor);
        },
      },
    );
  }

  function refuse(
    refusal: RefusalDetails | Omit<RefusalDetails, 'status' | 'allowedActions'>,
    actor?: ActorContext,
  ): never {
    const details: RefusalDetails = {
      ...refusal,
      status: state.status,
      allowedActions: actor ? allowedActions(snapshot(), actor) : [],
    };
    throw ApplicationFailure.create({
      type: refusal.code,
      message: refusal.reason,
      details: [details],
      nonRetryable: true,
    });
  }

  /** Applies a validated action: state changes synchronously, then the event is projected. */
  function apply(actor: ActorContext, action: ActionInput): Promise<void> {
    const statusAfter = nextStatus(snapshot(), action);
    const base = {
      actorUserId: actor.userId,
      actorUnitId: actor.unitId,
      payload: { ...action } as Record<string, unknown>,
    };
    switch (action.action) {
      case 'route':
        return routeTo(
          action.leadUnitId,
          action.coordinatingUnitIds,
          'routed-by-triage',
          base,
          action.note ?? null,
        );
      case 'acknowledge':
        return record(statusAfter, { ...base, type: 'acknowledged', reason: action.note ?? null });
      case 'coordinate':
        state.pendingCoordinationUnitIds = state.pendingCoordinationUnitIds.filter((u) => u !== actor.unitId);
        state.coordinationGivenUnitIds.push(actor.unitId!);
        return record(statusAfter, {
          ...base,
          type: 'coordination-opinion',
          reason: null,
          tasks: {
            close: [{ role: 'coordinating', unitId: actor.unitId!, status: 'done', note: action.opinion }],
          },
        });
      case 'request-info':
        return record(statusAfter, { ...base, type: 'info-requested', reason: action.question });
      case 'provide-info':
        return record(statusAfter, { ...base, type: 'info-provided', reason: null });
      case 'progress':
        return record(statusAfter, { ...base, type: 'progress', reason: action.note });
      case 'transfer':
        if (action.toUnitId === null) {
          return routeTo(input.triageUnitId, [], 'transferred-to-triage', base, action.reason, 'triage');
        }
        return routeTo(action.toUnitId, state.coordinatingUnitIds, 'transferred', base, action.reason);
      case 'resolve':
        state.outcome = action.outcome;
        state.planDate = action.outcome === 'planned' ? action.planDate! : null;
        return record(statusAfter, {
          ...base,
          type: 'resolved',
          reason: action.reason ?? null,
          patch: {
            outcome: action.outcome,
            response: action.response,
            planDate: state.planDate,
            budgetYear: action.outcome === 'planned' ? action.budgetYear! : null,
          },
          tasks: { close: [{ role: 'lead', status: 'done', note: action.response }] },
        });
      case 'feedback':
        if (action.verdict === 'dispute') {
          state.disputeCount += 1;
          return record(statusAfter, {
            ...base,
            type: statusAfter === 'in-progress' ? 'disputed' : 'disputed-to-standing-committee',
            reason: action.reason ?? null,
            patch: { disputeCount: state.disputeCount, outcome: null },
            tasks:
              statusAfter === 'in-progress'
                ? { open: [{ unitId: state.leadUnitId!, role: 'lead' }] }
                : { open: [{ unitId: input.standingCommitteeUnitId, role: 'directive' }] },
          });
        }
        return record(statusAfter, {
          ...base,
          type: 'accepted',
          reason: null,
        });
      case 'verify':
        return record(statusAfter, {
          ...base,
          type: action.verdict === 'done' ? 'verified' : 'reopened',
          reason: action.reason ?? null,
          patch: action.verdict === 'reopen' ? { outcome: null } : undefined,
          tasks:
            action.verdict === 'reopen' ? { open: [{ unitId: state.leadUnitId!, role: 'lead' }] } : undefined,
        });
      case 'directive': {
        const closeDirective = { role: 'directive' as const, status: 'done' as const, note: action.reason };
        if (action.kind === 'new-lead-unit') {
          return routeTo(
            action.leadUnitId!,
            state.coordinatingUnitIds,
            'directive-new-lead-unit',
            base,
            action.reason,
            'routed',
            [closeDirective],
          );
        }
        return record(statusAfter, {
          ...base,
          type: action.kind === 'close' ? 'directive-close' : 'directive-new-deadline',
          reason: action.reason,
          tasks: {
            close: [closeDirective],
            open: action.kind === 'new-deadline' ? [{ unitId: state.leadUnitId!, role: 'lead' }] : [],
          },
        });
      }
    }
  }

  /**
   * Gives the item to a lead unit and its coordinating units: the previous lead's open task is cancelled,
   * coordinating units no longer concerned are released, and those who already gave an opinion are not
   * asked again.
   */
  function routeTo(
    leadUnitId: string,
    coordinatingUnitIds: string[],
    type: string,
    base: Pick<EventDraft, 'actorUserId' | 'actorUnitId' | 'payload'>,
    reason: string | null,
    status: 'routed' | 'triage' = 'routed',
    extraCloses: NonNullable<TaskChanges['close']> = [],
  ): Promise<void> {
    const hadLead = state.leadUnitId !== null;
    const coordinating = status === 'triage' ? [] : coordinatingUnitIds.filter((u) => u !== leadUnitId);
    const pending = coordinating.filter((u) => !state.coordinationGivenUnitIds.includes(u));
    const toOpen = pending.filter((u) => !state.pendingCoordinationUnitIds.includes(u));
    const toCancel = state.pendingCoordinationUnitIds.filter((u) => !pending.includes(u));
    state.leadUnitId = leadUnitId;
    state.coordinatingUnitIds = coordinating;
    state.pendingCoordinationUnitIds = pending;
    const close: NonNullable<TaskChanges['close']> = [
      ...(hadLead ? [{ role: 'lead' as const, status: 'cancelled' as const, note: reason ?? type }] : []),
      ...(hadLead ? [{ role: 'triage' as const, status: 'done' as const }] : []),
      ...toCancel.map((unitId) => ({ role: 'coordinating' as const, unitId, status: 'cancelled' as const })),
      ...extraCloses,
    ];
    return record(status, {
      ...base,
      type,
      reason,
      patch: { leadUnitId, coordinatingUnitIds: coordinating },
      tasks: {
        close,
        open: [
          { unitId: leadUnitId, role: status === 'triage' ? 'triage' : 'lead' },
          ...toOpen.map((unitId) => ({ unitId, role: 'coordinating' as const })),
        ],
      },
    });
  }

  // 1. Submitted.
  await record('submitted', {
    type: 'submitted',
    actorUserId: submission.submittedByUserId,
    actorUnitId: null,
    reason: null,
    payload: {},
    create: { workflowId: workflowInfo().workflowId, submission, submittedAt: input.submittedAt },
  });

  // 2. Routed by rule (category × locality); no rule → the triage office routes it by hand.
  const decision = await db.findRouting({
    categoryCode: submission.categoryCode,
    localityUnitId: submission.localityUnitId,
  });
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.category, value: submission.categoryCode }]);
  const routing = { actorUserId: null, actorUnitId: null, payload: { ruleId: decision?.ruleId ?? null } };
  if (decision) {
    await routeTo(decision.leadUnitId, decision.coordinatingUnitIds, 'routed', routing, null);
  } else {
    await routeTo(
      input.triageUnitId,
      [],
      'sent-to-triage',
      routing,
      'no routing rule matches this category and locality',
      'triage',
    );
  }

  // 3–7 are driven by the update handlers; the workflow itself only keeps the verification date.
  while (state.status !== 'closed') {
    await condition(() => state.status === 'planned' || state.status === 'closed');
    if (state.status !== 'planned') break;
    const dueAt = Date.parse(`${state.planDate}T00:00:00${VIETNAM_OFFSET}`);
    await sleep(Math.max(0, dueAt - Date.now()));
    await record('awaiting-verification', {
      type: 'verification-due',
      actorUserId: null,
      actorUnitId: null,
      reason: null,
      payload: { planDate: state.planDate },
    });
  }
  await condition(allHandlersFinished);
  await projections;
}
