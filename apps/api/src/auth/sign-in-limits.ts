/**
 * The rules of the sign-in limits, pure so they can be tested without a clock or a database. Only failed
 * sign-ins count; each attempt is counted before its password is checked (so parallel guesses cannot slip
 * past a limit), and a success gives its count back.
 */

/** Failed sign-ins one client address may make in a window, across every username. */
export const ADDRESS_FAILURES_PER_WINDOW = 20;
export const ADDRESS_WINDOW_SECONDS = 15 * 60;

/** Consecutive failures on one username before it is locked; each further failure doubles the lock. */
export const ACCOUNT_FAILURES_BEFORE_LOCK = 5;
export const FIRST_LOCK_SECONDS = 60;
export const LONGEST_LOCK_SECONDS = 30 * 60;

/** A username's consecutive failures are forgotten after a quiet day. */
export const ACCOUNT_MEMORY_SECONDS = 24 * 60 * 60;

/** One row of the table: an address's failures in its window, or a username's consecutive failures. */
export interface Counter {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
  expiresAt: Date;
}

export type SignInRefusal = {
  code: 'auth.address-throttled' | 'auth.account-locked';
  retryAfterSeconds: number;
};

export type SignInDecision =
  { refused: SignInRefusal } | { refused?: undefined; address: Counter; account: Counter };

/** How long a username is locked after this many consecutive failures: 0, then 1 min, 2, 4… up to 30. */
export function lockSeconds(consecutiveFailures: number): number {
  if (consecutiveFailures < ACCOUNT_FAILURES_BEFORE_LOCK) return 0;
  const doublings = consecutiveFailures - ACCOUNT_FAILURES_BEFORE_LOCK;
  return Math.min(FIRST_LOCK_SECONDS * 2 ** Math.min(doublings, 30), LONGEST_LOCK_SECONDS);
}

/** The username as counted: sign-ins as `Admin` and `admin` share one count. */
export function accountSubject(username: string): string {
  return username.trim().toLowerCase();
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
const plus = (at: Date, s: number) => new Date(at.getTime() + s * 1000);
const live = (counter: Counter | undefined, now: Date) =>
  counter && counter.expiresAt > now ? counter : undefined;

/**
 * Whether an attempt may go on to the password check, and if so the counters with it counted as a
 * failure. The address is checked first: a sprayer is refused without touching the usernames it tries.
 */
export function decide(
  address: Counter | undefined,
  account: Counter | undefined,
  now: Date,
): SignInDecision {
  const byAddress = live(address, now);
  if (byAddress && byAddress.failures >= ADDRESS_FAILURES_PER_WINDOW) {
    return {
      refused: { code: 'auth.address-throttled', retryAfterSeconds: seconds(+byAddress.expiresAt - +now) },
    };
  }
  const byAccount = live(account, now);
  if (byAccount?.lockedUntil && byAccount.lockedUntil > now) {
    return {
      refused: { code: 'auth.account-locked', retryAfterSeconds: seconds(+byAccount.lockedUntil - +now) },
    };
  }
  const windowStartedAt = byAddress?.windowStartedAt ?? now;
  const failures = (byAccount?.failures ?? 0) + 1;
  const lock = lockSeconds(failures);
  const lockedUntil = lock > 0 ? plus(now, lock) : null;
  return {
    address: {
      failures: (byAddress?.failures ?? 0) + 1,
      windowStartedAt,
      lockedUntil: null,
      expiresAt: plus(windowStartedAt, ADDRESS_WINDOW_SECONDS),
    },
    account: {
      failures,
      windowStartedAt: byAccount?.windowStartedAt ?? now,
      lockedUntil,
      expiresAt: plus(lockedUntil ?? now, ACCOUNT_MEMORY_SECONDS),
    },
  };
}
