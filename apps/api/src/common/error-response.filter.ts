import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { isDatabaseUnavailable, isQueryTimeout } from '@ngk/persistence';
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

/**
 * The last word on every error answer. A request that failed because PostgreSQL cannot be reached, or
 * because its query ran past statement_timeout, is answered 503 with Retry-After: the request was fine
 * and the same one may work once the database is back or less busy. Every HTTP error leaves with a `code` (its own, else one for its status) and each of its field
 * errors with one, so a client can always word it; everything else keeps Nest's own handling.
 */
@Catch()
export class ErrorResponseFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('Database');

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof RetryLaterException && host.getType() === 'http') {
      host
        .switchToHttp()
        .getResponse<Response>()
        .setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (exception instanceof HttpException) return super.catch(withCode(exception), host);
    const body = isDatabaseUnavailable(exception)
      ? DATABASE_UNAVAILABLE_BODY
      : isQueryTimeout(exception)
        ? QUERY_TIMEOUT_BODY
        : undefined;
    if (host.getType() !== 'http' || !body) return super.catch(exception, host);
    this.logger.warn(`answered 503 (${body.code}): ${describe(exception)}`);
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) {
      response.end();
      return;
    }
    response
      .status(HttpStatus.SERVICE_UNAVAILABLE)
      .setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS))
      .json(body);
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
