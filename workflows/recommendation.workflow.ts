import {
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { RecommendationStatus } from '@ngk/domain';
import type { ProjectedEvent, RecommendationActivities } from '@ngk/activities/recommendation.activities';
import {
  getStateQuery,
  submitUpdate,
  type RecommendationState,
  type RecommendationWorkflowInput,
} from './recommendation.definitions';
import { SEARCH_ATTRIBUTES } from './search-attributes';

/** Reading reference data and writing the read model are short database calls; retry them patiently. */
const db = proxyActivities<RecommendationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Sequence number of the routing event: submitted is 1, routed (or sent to triage) is 2. */
const ROUTED_SEQ = 2;

/** One recommendation, from submission to closure (PRODUCT.md, "The lifecycle of one recommendation"). */
export async function recommendationWorkflow(input: RecommendationWorkflowInput): Promise<void> {
  const state: RecommendationState = {
    recommendationId: input.recommendationId,
    status: 'submitted',
    leadUnitId: null,
    coordinatingUnitIds: [],
    lastEventSeq: 0,
    projectedSeq: 0,
  };
  setHandler(getStateQuery, () => state);
  setHandler(submitUpdate, async () => {
    await condition(() => state.projectedSeq >= ROUTED_SEQ);
    return state;
  });

  const record = async (
    event: Omit<ProjectedEvent, 'seq' | 'recommendationId' | 'statusBefore' | 'occurredAt'>,
  ): Promise<void> => {
    const statusBefore = state.lastEventSeq === 0 ? null : state.status;
    state.lastEventSeq += 1;
    state.status = event.statusAfter;
    await db.projectEvent({
      ...event,
      recommendationId: state.recommendationId,
      seq: state.lastEventSeq,
      statusBefore,
      occurredAt: new Date().toISOString(),
    });
    state.projectedSeq = state.lastEventSeq;
  };

  await record({
    type: 'submitted',
    statusAfter: 'submitted',
    actorUserId: input.submission.submittedByUserId,
    actorUnitId: null,
    reason: null,
    payload: {},
    create: {
      workflowId: workflowInfo().workflowId,
      submission: input.submission,
      submittedAt: input.submittedAt,
    },
  });

  // Routing: category × locality → lead and coordinating units; no rule → the triage office.
  const decision = await db.findRouting({
    categoryCode: input.submission.categoryCode,
    localityUnitId: input.submission.localityUnitId,
  });
  const routed: RecommendationStatus = decision.matched ? 'routed' : 'triage';
  state.leadUnitId = decision.leadUnitId;
  state.coordinatingUnitIds = decision.coordinatingUnitIds;
  await record({
    type: decision.matched ? 'routed' : 'sent-to-triage',
    statusAfter: routed,
    actorUserId: null,
    actorUnitId: null,
    reason: decision.matched ? null : 'no routing rule matches this category and locality',
    payload: { ruleId: decision.ruleId },
    patch: {
      leadUnitId: decision.leadUnitId,
      coordinatingUnitIds: decision.coordinatingUnitIds,
      routingRuleId: decision.ruleId,
    },
  });
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.status, value: state.status },
    { key: SEARCH_ATTRIBUTES.leadUnit, value: decision.leadUnitId },
    { key: SEARCH_ATTRIBUTES.category, value: input.submission.categoryCode },
  ]);

  // The rest of the lifecycle (acknowledge … verify) is driven by Workflow Updates.
  await condition(() => state.status === 'closed');
}
