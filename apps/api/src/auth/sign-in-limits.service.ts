import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { RefusalCode } from '../common/error-codes';
import { SignInLimitsRepository } from './sign-in-limits.repository';
import { accountSubject, decide, type SignInRefusal } from './sign-in-limits';

/** A sign-in refused by a limit: 429, its code naming the limit, and how long to wait. */
export class TooManySignIns extends HttpException {
  constructor(readonly refusal: SignInRefusal) {
    const message =
      refusal.code === 'auth.address-throttled'
        ? `too many failed sign-ins from this address: try again in ${refusal.retryAfterSeconds} seconds`
        : `too many failed sign-ins for this username: try again in ${refusal.retryAfterSeconds} seconds`;
    super(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message,
        code: refusal.code satisfies RefusalCode,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Sign-in limits shared by every API process through PostgreSQL: per client address across usernames,
 * and per username with growing locks. An attempt is charged as a failure before its password is
 * checked, so a refused one costs no bcrypt work and parallel guesses cannot outrun the count.
 */
@Injectable()
export class SignInLimits {
  constructor(private readonly repository: SignInLimitsRepository) {}

  /** Runs the password check `attempt` within the limits; throws TooManySignIns when a limit is reached. */
  async attempt<T>(address: string, username: string, attempt: () => Promise<T>): Promise<T> {
    const account = accountSubject(username);
    const charged = await this.repository.transaction(address, account, async (counters, save) => {
      const decision = decide(counters.address, counters.account, counters.now);
      if (decision.refused) return decision;
      await save('address', address, decision.address);
      await save('account', account, decision.account);
      return decision;
    });
    if (charged.refused) throw new TooManySignIns(charged.refused);
    const result = await attempt();
    await this.repository.succeeded(address, charged.address.windowStartedAt, account);
    return result;
  }
}
