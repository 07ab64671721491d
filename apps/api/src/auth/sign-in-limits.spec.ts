import {
  ACCOUNT_MEMORY_SECONDS,
  ADDRESS_FAILURES_PER_WINDOW,
  ADDRESS_WINDOW_SECONDS,
  accountSubject,
  decide,
  lockSeconds,
  type Counter,
} from './sign-in-limits';

const at = (s: number) => new Date(Date.UTC(2030, 0, 1) + s * 1000);

/** Runs attempts one after another, each a failure, and answers the last decision. */
function failures(count: number, start = 0) {
  let address: Counter | undefined;
  let account: Counter | undefined;
  let decision = decide(address, account, at(start));
  for (let i = 0; i < count; i++) {
    decision = decide(address, account, at(start + i));
    if (decision.refused) break;
    ({ address, account } = decision);
  }
  return { decision, address, account };
}

describe('sign-in limits', () => {
  it('lock a username after five consecutive failures, then twice as long each time, up to 30 minutes', () => {
    expect([1, 2, 3, 4].map(lockSeconds)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10].map(lockSeconds)).toEqual([60, 120, 240, 480, 960, 1800]);
    expect(lockSeconds(11)).toBe(1800);
    expect(lockSeconds(1000)).toBe(1800);
  });

  it('count one username whatever its case and spaces', () => {
    expect(accountSubject(' Admin ')).toBe('admin');
  });

  it('refuse the attempt after the fifth failure on a username for a minute, with how long to wait', () => {
    const { account } = failures(5);
    expect(account!.failures).toBe(5);
    expect(decide(undefined, account, at(10)).refused).toEqual({
      code: 'auth.account-locked',
      retryAfterSeconds: 54,
    });
    const after = decide(undefined, account, at(65));
    expect(after.refused).toBeUndefined();
    expect(after.refused ? null : after.account.lockedUntil).toEqual(at(65 + 120));
  });

  it('refuse an address after its failures in the window, across usernames, until the window ends', () => {
    let address: Counter | undefined;
    for (let i = 0; i < ADDRESS_FAILURES_PER_WINDOW; i++) {
      const d = decide(address, undefined, at(i));
      if (d.refused) throw new Error(`refused at ${i}`);
      address = d.address;
    }
    expect(decide(address, undefined, at(100)).refused).toEqual({
      code: 'auth.address-throttled',
      retryAfterSeconds: ADDRESS_WINDOW_SECONDS - 100,
    });
    const next = decide(address, undefined, at(ADDRESS_WINDOW_SECONDS));
    expect(next.refused ? null : next.address.failures).toBe(1);
  });

  it('check the address before the username, and forget a username after a quiet day', () => {
    const { account } = failures(5);
    const address = {
      failures: ADDRESS_FAILURES_PER_WINDOW,
      windowStartedAt: at(0),
      lockedUntil: null,
      expiresAt: at(900),
    };
    expect(decide(address, account, at(30)).refused?.code).toBe('auth.address-throttled');
    const quiet = decide(undefined, account, at(100 + ACCOUNT_MEMORY_SECONDS));
    expect(quiet.refused ? null : quiet.account.failures).toBe(1);
  });
});
