import {
  BadRequestException,
  HttpException,
  Logger,
  NotFoundException,
  type ArgumentsHost,
  type HttpServer,
} from '@nestjs/common';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { tooManyRequests } from './error-codes';
import { ServiceError } from '@temporalio/client';
import {
  DATABASE_UNAVAILABLE_BODY,
  ErrorResponseFilter,
  QUERY_TIMEOUT_BODY,
  TEMPORAL_UNAVAILABLE_BODY,
  WORKFLOW_NOT_READY_BODY,
} from './error-response.filter';

/** An Express response that records what was sent. */
function fakeResponse() {
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
  const response = {
    headersSent: false,
    status: (code: number) => ((sent.status = code), response),
    setHeader: (name: string, value: string) => ((sent.headers[name] = value), response),
    json: (body: unknown) => ((sent.body = body), response),
    end: () => response,
  };
  return { response, sent };
}

function httpHost(response: unknown): ArgumentsHost {
  return {
    getType: () => 'http',
    getArgByIndex: (i: number) => (i === 1 ? response : undefined),
    switchToHttp: () => ({ getResponse: () => response }),
  } as unknown as ArgumentsHost;
}

describe('ErrorResponseFilter', () => {
  // Nest's own handling, as the base filter reaches it: status and body of every other error.
  const replies: { status: number; body: unknown }[] = [];
  const adapter = {
    isHeadersSent: () => false,
    reply: (_: unknown, body: unknown, status: number) => replies.push({ status, body }),
    end: () => undefined,
  } as unknown as HttpServer;
  const filter = new ErrorResponseFilter(adapter);

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => (replies.length = 0));

  it('answers 503 with a clear body and Retry-After when PostgreSQL cannot be reached', () => {
    const shutdown = new DatabaseError('terminating connection due to administrator command', 0, 'error');
    shutdown.code = '57P01';
    for (const error of [
      new QueryFailedError('SELECT 1', [], shutdown),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ]) {
      const { response, sent } = fakeResponse();
      filter.catch(error, httpHost(response));
      expect(sent).toEqual({
        status: 503,
        headers: { 'Retry-After': '5' },
        body: {
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'the database is unavailable right now: retry in 5 seconds',
          code: 'database.unavailable',
        },
      });
    }
    expect(DATABASE_UNAVAILABLE_BODY.message).toMatch(/database is unavailable.*retry/);
    expect(replies).toEqual([]);
  });

  it('answers 503 with its own code and Retry-After when a query ran past statement_timeout', () => {
    const cancelled = new DatabaseError('canceling statement due to statement timeout', 0, 'error');
    cancelled.code = '57014';
    const { response, sent } = fakeResponse();
    filter.catch(new QueryFailedError('SELECT …', [], cancelled), httpHost(response));
    expect(sent).toEqual({ status: 503, headers: { 'Retry-After': '5' }, body: QUERY_TIMEOUT_BODY });
    expect(QUERY_TIMEOUT_BODY).toMatchObject({ code: 'database.query-timeout', message: /too long.*retry/ });
    expect(replies).toEqual([]);
  });

  it('answers 503 with its own code and Retry-After when Temporal cannot take the request', () => {
    const grpc = (code: number, message: string) =>
      Object.assign(new Error(message), { code, details: message, metadata: { get: () => [] } });
    const down = new ServiceError('Failed to issue Update', {
      cause: grpc(14, '14 UNAVAILABLE: No connection established'),
    });
    const notReady = grpc(
      9,
      'Unable to perform workflow execution update due to Workflow Task in failed state.',
    );
    const answers = [down, notReady].map((error) => {
      const { response, sent } = fakeResponse();
      filter.catch(error, httpHost(response));
      return sent;
    });
    expect(answers).toEqual([
      { status: 503, headers: { 'Retry-After': '10' }, body: TEMPORAL_UNAVAILABLE_BODY },
      { status: 503, headers: { 'Retry-After': '30' }, body: WORKFLOW_NOT_READY_BODY },
    ]);
    expect(TEMPORAL_UNAVAILABLE_BODY).toMatchObject({ code: 'temporal.unavailable', message: /retry/ });
    expect(WORKFLOW_NOT_READY_BODY).toMatchObject({ code: 'workflow.not-ready', message: /retry/ });
    expect(replies).toEqual([]);
  });

  it('sends Retry-After with a refusal that says when to try again', () => {
    const { response, sent } = fakeResponse();
    filter.catch(tooManyRequests('submission.rate-limited', 'wait', 17), httpHost(response));
    expect(sent.headers).toEqual({ 'Retry-After': '17' });
    expect(replies).toEqual([
      {
        status: 429,
        body: {
          statusCode: 429,
          error: 'Too Many Requests',
          message: 'wait',
          code: 'submission.rate-limited',
        },
      },
    ]);
  });

  it('leaves every other error to Nest: HTTP errors keep their status, the rest stay 500', () => {
    const duplicate = new DatabaseError('duplicate key value violates unique constraint', 0, 'error');
    duplicate.code = '23505';
    for (const error of [
      new NotFoundException('recommendation x not found'),
      new QueryFailedError('INSERT …', [], duplicate),
      new Error('boom'),
    ]) {
      const { response, sent } = fakeResponse();
      filter.catch(error, httpHost(response));
      expect(sent.status).toBeUndefined();
    }
    expect(replies.map((r) => r.status)).toEqual([404, 500, 500]);
    expect(replies[0].body).toMatchObject({
      message: 'recommendation x not found',
      code: 'request.not-found',
    });
    expect(replies[2].body).toEqual({ statusCode: 500, message: 'Internal server error' });
  });

  it('gives every HTTP refusal a code, and every field error one, keeping a code already there', () => {
    const { response } = fakeResponse();
    for (const error of [
      new HttpException('ThrottlerException: Too Many Requests', 429),
      new NotFoundException({
        statusCode: 404,
        message: 'recommendation x not found',
        code: 'recommendation.not-found',
      }),
      new BadRequestException({
        statusCode: 400,
        message: 'Validation failed',
        errors: [{ field: 'to', reason: 'r' }],
      }),
    ])
      filter.catch(error, httpHost(response));
    expect(replies.map((r) => r.body)).toEqual([
      { statusCode: 429, message: 'ThrottlerException: Too Many Requests', code: 'request.throttled' },
      { statusCode: 404, message: 'recommendation x not found', code: 'recommendation.not-found' },
      {
        statusCode: 400,
        message: 'Validation failed',
        code: 'request.invalid',
        errors: [{ field: 'to', reason: 'r', code: 'invalid' }],
      },
    ]);
  });
});
