import { ServiceError } from '@temporalio/client';
import { temporalUnavailability } from './unavailable';

/** Status details as the frontend sends them: a google.rpc.Status naming its detail's type. */
function statusDetails(type: string): Buffer {
  return Buffer.concat([Buffer.from([8, 9, 18, 4]), Buffer.from(`type.googleapis.com/${type}`)]);
}

/** A gRPC error as @grpc/grpc-js raises it: a code, details and the response's metadata. */
function grpcError(code: number, message: string, details: string, detailType?: string) {
  const entries = new Map<string, unknown[]>(
    detailType ? [['grpc-status-details-bin', [statusDetails(detailType)]]] : [],
  );
  return Object.assign(new Error(message), {
    code,
    details,
    metadata: { get: (key: string) => entries.get(key) ?? [] },
  });
}

describe('temporalUnavailability', () => {
  it('names an Update-with-Start refused because the workflow task failed, as the client rethrows it', () => {
    // The client puts the failing operation's status in place of the outer one (Update-with-Start).
    const error = grpcError(
      9,
      'Unable to perform workflow execution update due to Workflow Task in failed state.',
      'Update-with-Start could not be executed.',
      'temporal.api.errordetails.v1.MultiOperationExecutionFailure',
    );
    expect(temporalUnavailability(error)).toBe('workflow.not-ready');
  });

  it("names an Update's refusal by its detail's type, inside the client's ServiceError", () => {
    const cause = grpcError(
      9,
      '9 FAILED_PRECONDITION: not ready',
      'not ready',
      'temporal.api.errordetails.v1.WorkflowNotReadyFailure',
    );
    expect(temporalUnavailability(new ServiceError('Failed to issue Update', { cause }))).toBe(
      'workflow.not-ready',
    );
  });

  it('names a server that cannot be reached or sheds load', () => {
    const down = grpcError(14, '14 UNAVAILABLE: No connection established', 'No connection established');
    const busy = grpcError(8, '8 RESOURCE_EXHAUSTED: namespace rate limit exceeded', 'rate limit exceeded');
    expect(temporalUnavailability(new ServiceError('Failed to issue Update', { cause: down }))).toBe(
      'temporal.unavailable',
    );
    expect(temporalUnavailability(busy)).toBe('temporal.unavailable');
  });

  it('leaves every other error alone', () => {
    const completed = grpcError(
      9,
      '9 FAILED_PRECONDITION: Workflow execution already completed.',
      'Workflow execution already completed.',
    );
    const notFound = grpcError(5, '5 NOT_FOUND: workflow not found', 'workflow not found');
    for (const error of [completed, notFound, new Error('Workflow Task in failed state'), null, 'x']) {
      expect(temporalUnavailability(error)).toBeNull();
    }
    const loop: { cause?: unknown } & Error = new Error('loop');
    loop.cause = loop;
    expect(temporalUnavailability(loop)).toBeNull();
  });
});
