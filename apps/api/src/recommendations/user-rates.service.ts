import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@ngk/config';
import { tooManyRequests } from '../common/error-codes';
import { UserRateRepository, type RateDecision } from '../common/user-rate.repository';

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

  actionsPerMinute(): number {
    return this.config.get('ACTIONS_PER_USER_PER_MINUTE', { infer: true });
  }

  /**
   * Counts an action in its user's minute, or says it is over the cap; the caller refuses it with
   * `actionRefusal`. Counted before the action is checked, to save a round trip: an action refused
   * afterwards is given back (`giveBackAction`).
   */
  countAction(userId: string): Promise<RateDecision> {
    return this.rates.take(userId, 'action', this.actionsPerMinute());
  }

  /** The 429 for an action over the cap, or null when it was counted. */
  actionRefusal({ allowed, retryAfterSeconds }: RateDecision) {
    if (allowed) return null;
    return tooManyRequests(
      'action.rate-limited',
      `at most ${this.actionsPerMinute()} actions a minute per user: retry in ${retryAfterSeconds} seconds`,
      retryAfterSeconds,
    );
  }

  /** Uncounts an action counted and then refused for another reason: a refused request counts nothing. */
  async giveBackAction(userId: string, { window }: RateDecision): Promise<void> {
    if (window) await this.rates.giveBack(userId, 'action', window);
  }
}
