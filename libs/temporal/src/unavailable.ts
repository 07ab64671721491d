import { isGrpcServiceError } from '@temporalio/client';

/** gRPC status codes (grpc/status.proto), as Temporal's frontend answers them. */
const GRPC = { RESOURCE_EXHAUSTED: 8, FAILED_PRECONDITION: 9, UNAVAILABLE: 14 } as const;

/**
 * Why Temporal could not take a request that was itself fine, so the same request may pass later:
 * - `temporal.unavailable`: the server cannot be reached (after the client's own retries), or it sheds
 *   load (its rate limits);
 * - `workflow.not-ready`: the item's workflow cannot take an Update now, because its last workflow task
 *   failed and the worker is retrying it (a worker that cannot run it, or a fault in workflow code).
 *
 * Null for every other error. Looks through the client's `cause` chain: an Update's gRPC error arrives
 * wrapped in the client's ServiceError, an Update-with-Start's as it is, with the failing operation's
 * status in place of the outer one.
 */
export function temporalUnavailability(
  error: unknown,
  depth = 0,
): 'temporal.unavailable' | 'workflow.not-ready' | null {
  if (!error || typeof error !== 'object' || depth > 5) return null;
  if (isGrpcServiceError(error)) {
    if (error.code === GRPC.UNAVAILABLE || error.code === GRPC.RESOURCE_EXHAUSTED)
      return 'temporal.unavailable';
    if (error.code === GRPC.FAILED_PRECONDITION && isWorkflowNotReady(error)) return 'workflow.not-ready';
  }
  const { cause } = error as { cause?: unknown };
  return cause === error ? null : temporalUnavailability(cause, depth + 1);
}

/**
 * The frontend's WorkflowNotReadyFailure ("Workflow Task in failed state"). Its detail's type names it in
 * the status details; an Update-with-Start carries it inside the multi-operation failure there too.
 */
function isWorkflowNotReady(error: { message: string; metadata: unknown }): boolean {
  if (/Workflow Task in failed state/i.test(error.message)) return true;
  const { get } = error.metadata as { get?: (key: string) => unknown[] };
  if (typeof get !== 'function') return false;
  return get
    .call(error.metadata, 'grpc-status-details-bin')
    .some((value) => Buffer.isBuffer(value) && value.includes('WorkflowNotReadyFailure'));
}
