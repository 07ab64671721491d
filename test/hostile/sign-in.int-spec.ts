import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ADDRESS_FAILURES_PER_WINDOW } from '../../apps/api/src/auth/sign-in-limits';
import { useApps } from '../support/apps';
import { sql } from '../support/fixtures';
import { authAs, DEMO_PASSWORD } from '../support/http';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What a hostile client tries at sign-in: spraying one password over many usernames, guessing one
 * account, and stuffing X-Request-Id. The API trusts the loopback proxy here, so each test signs in from
 * an address of its own (TEST-NET-3) and never slows the other files, which sign in from 127.0.0.1.
 */
describe('sign-in under attack', () => {
  let api: INestApplication;
  const http = () => request(api.getHttpServer());
  const apps = useApps({ worker: false, env: { TRUST_PROXY: 'loopback' } });
  beforeAll(() => {
    api = apps.api;
  });

  const from = (address: string) => ({
    login: (username: string, password: string) =>
      http().post('/api/auth/login').set('X-Forwarded-For', address).send({ username, password }),
  });

  /** An account of the test's own, made through the admin API: demo users stay unlocked for other files. */
  async function newAccount(): Promise<string> {
    const username = `cadre.hostile${randomUUID().slice(0, 8)}`;
    await http()
      .post('/api/users')
      .set(await authAs(api, 'admin'))
      .send({ username, displayName: 'Thử tấn công', role: 'cadre', password: DEMO_PASSWORD })
      .expect(201);
    return username;
  }

  /** As if the lock had run out: the account's lock ends now, its count of failures kept. */
  const letLockRunOut = (username: string) =>
    sql(
      `UPDATE sign_in_limits SET locked_until = now() - interval '1 second' WHERE kind = 'account' AND subject = $1`,
      [username],
    );

  it('stops one address spraying a password over many usernames well before the 40th', async () => {
    const sprayer = from('203.0.113.7');
    const statuses: number[] = [];
    let refusal: request.Response | undefined;
    for (let i = 0; i < 40; i++) {
      const res = await sprayer.login(`nobody.spray${i}.${randomUUID().slice(0, 6)}`, DEMO_PASSWORD);
      statuses.push(res.status);
      refusal ??= res.status === 429 ? res : undefined;
    }
    expect(statuses.indexOf(429)).toBe(ADDRESS_FAILURES_PER_WINDOW);
    expect(statuses.slice(ADDRESS_FAILURES_PER_WINDOW).every((s) => s === 429)).toBe(true);
    expect(refusal!.body).toMatchObject({ statusCode: 429, code: 'auth.address-throttled' });
    expect(Number(refusal!.headers['retry-after'])).toBeGreaterThan(60);
    // Refused before the password is checked: even the right one for a real account waits.
    const victim = await newAccount();
    await sprayer.login(victim, DEMO_PASSWORD).expect(429);
    // Another address is not affected.
    await from('203.0.113.8').login(victim, DEMO_PASSWORD).expect(200);
  });

  it('locks one account after repeated failures, each lock longer, whatever the address', async () => {
    const username = await newAccount();
    const retryAfters: number[] = [];
    for (let i = 0; i < 5; i++)
      await from(`203.0.113.${20 + i}`)
        .login(username, `guess-${i}`)
        .expect(401);
    for (let round = 0; round < 3; round++) {
      // The right password is refused too while locked, from any address.
      const locked = await from('203.0.113.30').login(username, DEMO_PASSWORD).expect(429);
      expect(locked.body).toMatchObject({ statusCode: 429, code: 'auth.account-locked' });
      retryAfters.push(Number(locked.headers['retry-after']));
      await letLockRunOut(username);
      await from('203.0.113.31').login(username, `again-${round}`).expect(401);
    }
    expect(retryAfters[0]).toBeGreaterThan(50);
    expect(retryAfters[0]).toBeLessThanOrEqual(60);
    expect(retryAfters[1]).toBeGreaterThan(110);
    expect(retryAfters[1]).toBeLessThanOrEqual(120);
    expect(retryAfters[2]).toBeGreaterThan(230);
    expect(retryAfters[2]).toBeLessThanOrEqual(240);
  });

  it('starts an account over after a successful sign-in', async () => {
    const username = await newAccount();
    const guesser = from('203.0.113.40');
    for (let i = 0; i < 5; i++) await guesser.login(username, `guess-${i}`).expect(401);
    await guesser.login(username, DEMO_PASSWORD).expect(429);
    await letLockRunOut(username);
    await guesser.login(username, DEMO_PASSWORD).expect(200);
    // Four more failures lock nothing: the count began again at the success.
    for (let i = 0; i < 4; i++) await guesser.login(username, `typo-${i}`).expect(401);
    await guesser.login(username, DEMO_PASSWORD).expect(200);
  });

  /** An admin creates a user with this X-Request-Id; the answer's id, and what the audit recorded. */
  async function createUserWithRequestId(requestId: string): Promise<{ echoed: string; audited: string[] }> {
    const res = await http()
      .post('/api/users')
      .set(await authAs(api, 'admin'))
      .set('X-Request-Id', requestId)
      .send({
        username: `cadre.reqid${randomUUID().slice(0, 8)}`,
        displayName: 'Mã yêu cầu',
        role: 'cadre',
        password: DEMO_PASSWORD,
      })
      .expect(201);
    const audit = await sql<{ request_id: string }>(
      `SELECT request_id FROM admin_audit WHERE entity = 'user' AND entity_key = $1`,
      [res.body.id],
    );
    return { echoed: res.headers['x-request-id'], audited: audit.map((a) => a.request_id) };
  }

  it('replaces an 8,000-character X-Request-Id with a UUID, in the answer and in the audit', async () => {
    const { echoed, audited } = await createUserWithRequestId('r'.repeat(8_000));
    expect(echoed).toMatch(UUID);
    expect(audited).toEqual([echoed]);
    expect(await sql(`SELECT 1 FROM admin_audit WHERE length(request_id) > 64`)).toEqual([]);
  });

  it("keeps a caller's plain X-Request-Id, in the answer and in the audit", async () => {
    const id = `trace-${randomUUID().slice(0, 8)}.01_A`;
    const { echoed, audited } = await createUserWithRequestId(id);
    expect(echoed).toBe(id);
    expect(audited).toEqual([id]);
  });
});
