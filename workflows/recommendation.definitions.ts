import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { RecommendationStatus, SubmissionInput } from '@ngk/domain';

/** Start argument of one recommendation's workflow. */
export interface RecommendationWorkflowInput {
  recommendationId: string;
  submission: SubmissionInput;
  submittedAt: string;
}

/** What the workflow knows; the read model is its projection. */
export interface RecommendationState {
  recommendationId: string;
  status: RecommendationStatus;
  leadUnitId: string | null;
  coordinatingUnitIds: string[];
  lastEventSeq: number;
  /** Events the read model has confirmed; an answer is sent only once the read model shows it. */
  projectedSeq: number;
}

export const RECOMMENDATION_WORKFLOW_TYPE = 'recommendationWorkflow';

export const getStateQuery = defineQuery<RecommendationState>('getState');

/** Sent with the start (update-with-start): answers once the item is routed and the read model shows it. */
export const submitUpdate = defineUpdate<RecommendationState>('submit');
