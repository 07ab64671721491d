/** Default task queue; deployments override it with TEMPORAL_TASK_QUEUE. */
export const DEFAULT_TASK_QUEUE = 'ngk-recommendations';

/** Workflow ids are derived from recommendation ids, so one recommendation is one workflow, forever. */
export const recommendationWorkflowId = (recommendationId: string): string =>
  `recommendation-${recommendationId}`;
