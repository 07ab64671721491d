import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { useApps } from './support/apps';
import { sql } from './support/fixtures';
import { authAs, DEMO_PASSWORD } from './support/http';

/**
 * The browser's session: a refresh token in an httpOnly cookie, rotated on each use; an old one presented
 * again ends its whole family; sign-out, a password reset and deactivation end sessions.
 */
describe('sessions that outlive a tab', () => {
  let api: INestApplication;
  const http = () => request(api.getHttpServer());

  const apps = useApps({ worker: false });
  beforeAll(() => {
    api = apps.api;
  });

  /** A fresh account of its own per test, so sign-in throttling and revocations never cross tests. */
  let accounts = 0;
  async function newAccount(): Promise<string> {
    const username = `session.user${++accounts}.${Date.now().toString(36)}`;
    await http()
      .post('/api/users')
      .set(await authAs(api, 'admin'))
      .send({
        username,
        displayName: 'Tài khoản thử phiên',
        role: 'leadership-viewer',
        password: DEMO_PASSWORD,
      })
      .expect(201);
    return username;
  }

  async function signIn(username: string, headers: Record<string, string> = {}) {
    const res = await http()
      .post('/api/auth/login')
      .set(headers)
      .send({ username, password: DEMO_PASSWORD })
      .expect(200);
    return { body: res.body, cookie: refreshCookieOf(res), setCookie: setCookieOf(res) };
  }

  const refresh = (cookie: string | null, headers: Record<string, string> = { 'X-NGK-Refresh': '1' }) => {
    const req = http().post('/api/auth/refresh').set(headers);
    return cookie ? req.set('Cookie', `other=1; ngk_refresh=${cookie}`) : req;
  };

  const me = (accessToken: string) =>
    http().get('/api/auth/me').set('Authorization', `Bearer ${accessToken}`);

  it('signs in with a Bearer token for scripts and an httpOnly, SameSite=Strict cookie for browsers', async () => {
    const username = await newAccount();
    const plain = await signIn(username);
    await me(plain.body.accessToken).expect(200);
    const ttl = Number(process.env.JWT_TTL_SECONDS) * 1000;
    expect(Math.abs(Date.parse(plain.body.expiresAt) - Date.now() - ttl)).toBeLessThan(60_000);
    expect(plain.setCookie).toMatch(/^ngk_refresh=[A-Za-z0-9_-]{43}; /);
    const attributes = plain.setCookie.split('; ').slice(1);
    expect(attributes).toEqual(
      expect.arrayContaining(['Path=/api/auth', 'HttpOnly', 'SameSite=Strict', 'Max-Age=1209600']),
    );
    expect(attributes).not.toContain('Secure');
    // Behind a proxy that ends HTTPS, the cookie never travels in plain HTTP.
    const proxied = await signIn(username, { 'X-Forwarded-Proto': 'https' });
    expect(proxied.setCookie.split('; ')).toContain('Secure');
    // Only the hash is stored.
    const rows = await sql<{ hash: string }>(
      `SELECT encode(r.token_hash, 'hex') AS hash FROM refresh_tokens r JOIN users u ON u.id = r.user_id
        WHERE u.username = $1`,
      [username],
    );
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.hash)).not.toContain(Buffer.from(plain.cookie!).toString('hex'));
  });

  it('trades the cookie for a new access token and the next cookie, and refuses without its header', async () => {
    const username = await newAccount();
    const { cookie } = await signIn(username);
    const noHeader = await refresh(cookie, {}).expect(400);
    expect(noHeader.body.message).toMatch(/x-ngk-refresh/);
    await refresh(null).expect(401);

    const first = await refresh(cookie).expect(200);
    expect(first.body).toMatchObject({ tokenType: 'Bearer', user: { username } });
    await me(first.body.accessToken).expect(200);
    const next = refreshCookieOf(first);
    expect(next).toBeTruthy();
    expect(next).not.toBe(cookie);
    const second = await refresh(next).expect(200);
    expect(refreshCookieOf(second)).not.toBe(next);
  });

  it('ends the whole family when an old cookie comes back: the thief and the owner both sign in again', async () => {
    const username = await newAccount();
    const { cookie: stolen } = await signIn(username);
    const owner = await refresh(stolen).expect(200);
    const ownerCookie = refreshCookieOf(owner);

    const replay = await refresh(stolen).expect(401);
    expect(replay.body.message).toBe('this session was used twice and has been ended: sign in again');
    expect(setCookieOf(replay)).toMatch(/^ngk_refresh=; .*Expires=Thu, 01 Jan 1970/);
    await refresh(ownerCookie).expect(401);
    const reasons = await sql<{ reason: string | null }>(
      `SELECT DISTINCT r.revoked_reason AS reason FROM refresh_tokens r JOIN users u ON u.id = r.user_id
        WHERE u.username = $1`,
      [username],
    );
    expect(reasons).toEqual([{ reason: 'reuse' }]);
  });

  it('two refreshes with the same cookie at once: one rotates it, the other is taken for a replay', async () => {
    const username = await newAccount();
    const { cookie } = await signIn(username);
    const answers = await Promise.all([refresh(cookie), refresh(cookie)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
  });

  it('sign-out revokes the access token and the cookie, and clears it; another browser stays signed in', async () => {
    const username = await newAccount();
    const here = await signIn(username);
    const elsewhere = await signIn(username);
    const out = await http()
      .post('/api/auth/logout')
      .set('Authorization', `Bearer ${here.body.accessToken}`)
      .set('Cookie', `ngk_refresh=${here.cookie}`)
      .expect(204);
    expect(setCookieOf(out)).toMatch(/^ngk_refresh=; Path=\/api\/auth; Expires=Thu, 01 Jan 1970/);
    await me(here.body.accessToken).expect(401);
    await refresh(here.cookie).expect(401);
    await me(elsewhere.body.accessToken).expect(200);
    await refresh(elsewhere.cookie).expect(200);
  });

  it('a password reset ends every session at once; deactivation too; an expired cookie is refused', async () => {
    const username = await newAccount();
    const [{ id }] = await sql<{ id: string }>(`SELECT id FROM users WHERE username = $1`, [username]);
    const before = await signIn(username);
    await http()
      .patch(`/api/users/${id}`)
      .set(await authAs(api, 'admin'))
      .send({ password: 'mot-mat-khau-moi' })
      .expect(200);
    await me(before.body.accessToken).expect(401);
    await refresh(before.cookie).expect(401);
    const after = await http()
      .post('/api/auth/login')
      .send({ username, password: 'mot-mat-khau-moi' })
      .expect(200);
    await me(after.body.accessToken).expect(200);

    await http()
      .patch(`/api/users/${id}`)
      .set(await authAs(api, 'admin'))
      .send({ active: false })
      .expect(200);
    await refresh(refreshCookieOf(after)).expect(401);

    const other = await newAccount();
    const { cookie } = await signIn(other);
    await sql(
      `UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = sha256($1)`,
      [Buffer.from(cookie!)],
    );
    await refresh(cookie).expect(401);
  });
});

function setCookieOf(res: request.Response): string {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  return (header ?? []).find((c) => c.startsWith('ngk_refresh=')) ?? '';
}

function refreshCookieOf(res: request.Response): string | null {
  return /^ngk_refresh=([^;]+)/.exec(setCookieOf(res))?.[1] ?? null;
}
