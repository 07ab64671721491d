import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@ngk/config';
import { tooManyRequests } from '../common/error-codes';
import { UserRateRepository } from '../common/user-rate.repository';

/**
 * Caps what one user sends a minute: recommendations (SUBMISSIONS_PER_USER_PER_MINUTE) and actions on
 * items (ACTIONS_PER_USER_PER_MINUTE). Counted in PostgreSQL rather than in one process's memory, so that
 * several API processes share the count. A request past the cap is refused (429) and counts nothing.
 */
@Injectable()
export class UserRates {
  constructor(
    private readonly rates: UserRateRepository,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async takeSubmission(userId: string): Promise<void> {
    const limit = this.config.get('SUBMISSIONS_PER_USER_PER_MINUTE', { infer: true });
    const { allowed, retryAfterSeconds } = await this.rates.take(userId, 'submission', limit);
    if (!allowed) {
      throw tooManyRequests(
        'submission.rate-limited',
        `at most ${limit} recommendations a minute per user: retry in ${retryAfterSeconds} seconds`,
        retryAfterSeconds,
      );
    }
  }

  async takeAction(userId: string): Promise<void> {
    const limit = this.config.get('ACTIONS_PER_USER_PER_MINUTE', { infer: true });
    const { allowed, retryAfterSeconds } = await this.rates.take(userId, 'action', limit);
    if (!allowed) {
      throw tooManyRequests(
        'action.rate-limited',
        `at most ${limit} actions a minute per user: retry in ${retryAfterSeconds} seconds`,
        retryAfterSeconds,
      );
    }
  }
}
