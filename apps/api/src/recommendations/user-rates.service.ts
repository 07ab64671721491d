import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@ngk/config';
import { tooManyRequests } from '../common/error-codes';
import { UserRateRepository } from '../common/user-rate.repository';

/**
 * Caps the recommendations one user submits a minute (SUBMISSIONS_PER_USER_PER_MINUTE). Counted in
 * PostgreSQL rather than in one process's memory, so that several API processes share the count.
 */
@Injectable()
export class SubmissionRate {
  constructor(
    private readonly rates: UserRateRepository,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** Counts one more submission of the user, or refuses it (429, nothing counted) past the cap. */
  async take(userId: string): Promise<void> {
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
}
