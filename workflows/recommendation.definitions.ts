import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import {
  ACTIONS,
  type Action,
  type ActionInput,
  type ActorContext,
  type Outcome,
  type RecommendationStatus,
  type Refusal,
  type SubmissionInput,
} from '@ngk/domain';

/** Start argument of one recommendation's workflow. */
export interface RecommendationWorkflowInput {
  recommendationId: string;
  submission: SubmissionInput;
  submittedAt: string;
  /** The triage office and the Standing Committee, resolved by the API from reference data at submission. */
  triageUnitId: string;
  standingCommitteeUnitId: string;
}

/** What the workflow knows; the read model is its projection. */
export interface RecommendationState {
  recommendationId: string;
  submittedByUserId: string;
  status: RecommendationStatus;
  leadUnitId: string | null;
  coordinatingUnitIds: string[];
  pendingCoordinationUnitIds: string[];
  /** Coordinating units that gave their opinion; a transfer does not ask them again. */
  coordinationGivenUnitIds: string[];
  disputeCount: number;
  outcome: Outcome | null;
  planDate: string | null;
  lastEventSeq: number;
  /** Events the read model has confirmed; an answer is sent only once the read model shows it. */
  projectedSeq: number;
}

/** A person's action on the item, as sent to the workflow. */
export interface ActionRequest {
  actor: ActorContext;
  input: ActionInput;
}

/** Details of a refused action, carried by the ApplicationFailure whose type is the refusal code. */
export interface RefusalDetails extends Refusal {
  status: RecommendationStatus;
  /** What this actor could do instead. */
  allowedActions: Action[];
}

export const RECOMMENDATION_WORKFLOW_TYPE = 'recommendationWorkflow';

export const getStateQuery = defineQuery<RecommendationState>('getState');

/** Sent with the start (update-with-start): answers once the item is routed and the read model shows it. */
export const submitUpdate = defineUpdate<RecommendationState>('submit');

/** One Workflow Update per human action, named after it, each answered with the new state. */
export const actionUpdates = Object.fromEntries(
  ACTIONS.map((action) => [action, defineUpdate<RecommendationState, [ActionRequest]>(action)]),
) as Record<Action, UpdateDefinition<RecommendationState, [ActionRequest]>>;
