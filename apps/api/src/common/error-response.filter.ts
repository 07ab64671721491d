import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { isDatabaseUnavailable, isQueryTimeout } from '@ngk/persistence';
import { temporalUnavailability } from '@ngk/temporal';
import { codeForStatus, RetryLaterException, type RefusalCode } from './error-codes';

/** What a client is told to wait before trying again; a restart of PostgreSQL takes a few seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export const DATABASE_UNAVAILABLE_BODY = {
  statusCode: HttpStatus.SERVICE_UNAVAILABLE,
  error: 'Service Unavailable',
  message: `the database is unavailable right now: retry in ${DATABASE_RETRY_AFTER_SECONDS} seconds`,
  code: 'database.unavailable' satisfies RefusalCode,
} as const;

/** A query cancelled by statement_timeout: the database is busy or the request reads much; a retry may pass. */
export const QUERY_TIMEOUT_BODY = {
  statusCode: HttpStatus.SERVICE_UNAVAILABLE,
  error: 'Service Unavailable',
  message: `the database took too long to answer this request: retry in ${DATABASE_RETRY_AFTER_SECONDS} seconds, or ask for less (a shorter period, a narrower filter)`,
  code: 'database.query-timeout' satisfies RefusalCode,
} as const;

/** What a client is told to wait when Temporal's server cannot be reached or sheds load. */
export const TEMPORAL_RETRY_AFTER_SECONDS = 10;

export const TEMPORAL_UNAVAILABLE_BODY = {
  statusCode: HttpStatus.SERVICE_UNAVAILABLE,
  error: 'Service Unavailable',
  message: `the workflow engine is unavailable right now: retry in ${TEMPORAL_RETRY_AFTER_SECONDS} seconds`,
  code: 'temporal.unavailable' satisfies RefusalCode,
} as const;

/** A workflow task that failed is retried by the worker about every ten seconds, with backoff. */
export const WORKFLOW_RETRY_AFTER_SECONDS = 30;

export const WORKFLOW_NOT_READY_BODY = {
  statusCode: HttpStatus.SERVICE_UNAVAILABLE,
  error: 'Service Unavailable',
  message: `this item's workflow cannot take a request right now: its last step failed and is being retried; retry in ${WORKFLOW_RETRY_AFTER_SECONDS} seconds, and tell the operators if it lasts`,
  code: 'workflow.not-ready' satisfies RefusalCode,
} as const;

/** Each of Temporal's refusals, by its code: the body and the Retry-After. */
const TEMPORAL_ANSWERS = {
  'temporal.unavailable': { body: TEMPORAL_UNAVAILABLE_BODY, retryAfter: TEMPORAL_RETRY_AFTER_SECONDS },
  'workflow.not-ready': { body: WORKFLOW_NOT_READY_BODY, retryAfter: WORKFLOW_RETRY_AFTER_SECONDS },
} as const;

/** The 503 an error stands for, with its Retry-After, or undefined for an error of another kind. */
function unavailability(
  exception: unknown,
): { body: { code: string }; retryAfter: number; source: string } | undefined {
  if (isDatabaseUnavailable(exception))
    return { body: DATABASE_UNAVAILABLE_BODY, retryAfter: DATABASE_RETRY_AFTER_SECONDS, source: 'Database' };
  if (isQueryTimeout(exception))
    return { body: QUERY_TIMEOUT_BODY, retryAfter: DATABASE_RETRY_AFTER_SECONDS, source: 'Database' };
  const temporal = temporalUnavailability(exception);
  return temporal ? { ...TEMPORAL_ANSWERS[temporal], source: 'Temporal' } : undefined;
}

/**
 * The last word on every error answer. A request that failed because PostgreSQL cannot be reached, or
 * because its query ran past statement_timeout, or because Temporal could not take it (the server
 * unreachable, or the item's workflow task failing), is answered 503 with Retry-After: the request was
 * fine and the same one may work once the service is back or less busy. Every HTTP error leaves with a `code` (its own, else one for its status) and each of its field
 * errors with one, so a client can always word it; everything else keeps Nest's own handling.
 */
@Catch()
export class ErrorResponseFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof RetryLaterException && host.getType() === 'http') {
      host
        .switchToHttp()
        .getResponse<Response>()
        .setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (exception instanceof HttpException) return super.catch(withCode(exception), host);
    const answer = unavailability(exception);
    if (host.getType() !== 'http' || !answer) return super.catch(exception, host);
    new Logger(answer.source).warn(`answered 503 (${answer.body.code}): ${describe(exception)}`);
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) {
      response.end();
      return;
    }
    response
      .status(HttpStatus.SERVICE_UNAVAILABLE)
      .setHeader('Retry-After', String(answer.retryAfter))
      .json(answer.body);
  }
}

/** The same exception, its body in the API's shape with a code; Nest's own (the router's 404) included. */
export function withCode(exception: HttpException): HttpException {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const body: Record<string, unknown> =
    typeof response === 'object' && response !== null
      ? { ...(response as Record<string, unknown>) }
      : { statusCode: status, message: response };
  if (status < 400) return exception;
  body.code ??= codeForStatus(status);
  if (Array.isArray(body.errors)) {
    body.errors = body.errors.map((e: unknown) =>
      typeof e === 'object' && e !== null && !('code' in e) ? { ...e, code: 'invalid' } : e,
    );
  }
  return new HttpException(body, status, { cause: exception });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return code ? `${code} ${error.message}` : error.message;
}
