/** Start argument of a reorganization's run; `closed` in a run that continued as new, past closing. */
export interface ReorganizationWorkflowInput {
  reorganizationId: string;
  closed?: boolean;
}

export const REORGANIZATION_WORKFLOW_TYPE = 'reorganizationWorkflow';

/** One run per reorganization: starting it again finds the same workflow (or its finished record). */
export function reorganizationWorkflowId(reorganizationId: string): string {
  return `reorganization-${reorganizationId}`;
}
