import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { isDatabaseUnavailable } from '@ngk/persistence';

/** What a client is told to wait before trying again; a restart of PostgreSQL takes a few seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export const DATABASE_UNAVAILABLE_BODY = {
  statusCode: HttpStatus.SERVICE_UNAVAILABLE,
  error: 'Service Unavailable',
  message: `the database is unavailable right now: retry in ${DATABASE_RETRY_AFTER_SECONDS} seconds`,
} as const;

/**
 * A request that failed because PostgreSQL cannot be reached is answered 503 with Retry-After: the
 * request was fine and the same one will work once the database is back. Every other error keeps
 * Nest's own handling.
 */
@Catch()
export class DatabaseUnavailableFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('Database');

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (
      host.getType() !== 'http' ||
      exception instanceof HttpException ||
      !isDatabaseUnavailable(exception)
    ) {
      return super.catch(exception, host);
    }
    this.logger.warn(`answered 503, the database is unreachable: ${describe(exception)}`);
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) {
      response.end();
      return;
    }
    response
      .status(HttpStatus.SERVICE_UNAVAILABLE)
      .setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS))
      .json(DATABASE_UNAVAILABLE_BODY);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return code ? `${code} ${error.message}` : error.message;
}
