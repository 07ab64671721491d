import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request, Response } from 'express';
import type { Environment } from '@ngk/config';
import type { Actor } from '../common/actor';
import { UserRateRepository } from '../common/user-rate.repository';

/**
 * Caps the recommendations one user submits a minute (SUBMISSIONS_PER_USER_PER_MINUTE): past it the
 * request is refused with 429 and Retry-After before anything is checked or written.
 */
@Injectable()
export class SubmissionRateGuard implements CanActivate {
  constructor(
    private readonly rates: UserRateRepository,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const actor = http.getRequest<Request & { user: Actor }>().user;
    const limit = this.config.get('SUBMISSIONS_PER_USER_PER_MINUTE', { infer: true });
    const decision = await this.rates.take(actor.userId, 'submission', limit);
    if (decision.allowed) return true;
    http.getResponse<Response>().setHeader('Retry-After', String(decision.retryAfterSeconds));
    throw new HttpException(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message: `at most ${limit} recommendations a minute per user: retry in ${decision.retryAfterSeconds} seconds`,
        code: 'submission.rate-limited',
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
