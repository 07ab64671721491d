import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@ngk/config';
import { tooManyRequests } from '../common/error-codes';
import { UserRateRepository } from '../common/user-rate.repository';

/** Each capped kind of request: its setting, its refusal's code, and what the message calls it. */
const CAPS = {
  submission: {
    setting: 'SUBMISSIONS_PER_USER_PER_MINUTE',
    code: 'submission.rate-limited',
    what: 'recommendations',
  },
  action: { setting: 'ACTIONS_PER_USER_PER_MINUTE', code: 'action.rate-limited', what: 'actions' },
} as const;

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

  takeSubmission(userId: string): Promise<void> {
    return this.take(userId, 'submission');
  }

  takeAction(userId: string): Promise<void> {
    return this.take(userId, 'action');
  }

  /** Counts one request of `scope` in its user's minute, or refuses it with the scope's 429. */
  private async take(userId: string, scope: keyof typeof CAPS): Promise<void> {
    const { setting, code, what } = CAPS[scope];
    const limit = this.config.get(setting, { infer: true });
    const { allowed, retryAfterSeconds } = await this.rates.take(userId, scope, limit);
    if (!allowed) {
      throw tooManyRequests(
        code,
        `at most ${limit} ${what} a minute per user: retry in ${retryAfterSeconds} seconds`,
        retryAfterSeconds,
      );
    }
  }
}
