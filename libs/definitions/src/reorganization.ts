/** Start argument of a reorganization's run; `after` is where a run that continued as new goes on. */
export interface ReorganizationWorkflowInput {
  reorganizationId: string;
  after?: string | null;
}

export const REORGANIZATION_WORKFLOW_TYPE = 'reorganizationWorkflow';

/** One run per reorganization: starting it again finds the same workflow (or its finished record). */
export function reorganizationWorkflowId(reorganizationId: string): string {
  return `reorganization-${reorganizationId}`;
}
