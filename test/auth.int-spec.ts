import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { useApps } from './support/apps';
import { sql } from './support/fixtures';
import { DEMO_PASSWORD, tokenFor } from './support/http';

/** Sign-in with username and password, Bearer tokens, expiry, sign-out and throttled attempts. */
describe('sign-in', () => {
  let api: INestApplication;
  const http = () => request(api.getHttpServer());
  const login = (username: string, password: string) =>
    http().post('/api/auth/login').send({ username, password });

  const apps = useApps({ worker: false });
  beforeAll(() => {
    api = apps.api;
  });

  it('signs in with the right password and answers who is signed in, never the hash', async () => {
    const res = await login('officer.dot', DEMO_PASSWORD).expect(200);
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      user: { username: 'officer.dot', role: 'unit-officer' },
    });
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
    const me = await http()
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ username: 'officer.dot', role: 'unit-officer' });
    expect(JSON.stringify(me.body)).not.toMatch(/password|tokenId|\$2[aby]\$/);
  });

  it('one message for a wrong password and an unknown user; missing fields are named', async () => {
    const wrong = await login('officer.dpi', 'guess').expect(401);
    const unknown = await login('nobody.here', 'guess').expect(401);
    expect(wrong.body.message).toBe('wrong username or password');
    expect(unknown.body.message).toBe(wrong.body.message);
    const empty = await http().post('/api/auth/login').send({}).expect(400);
    expect(empty.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['password', 'username']);
  });

  it('refuses an expired token, a token signed with another key, and a deactivated account', async () => {
    const [user] = await sql<{ id: string }>(`SELECT id FROM users WHERE username = 'viewer.leadership'`);
    const claims = { sub: user.id, jti: randomUUID(), role: 'leadership-viewer' };
    const signer = new JwtService({ secret: process.env.JWT_SECRET });
    const expired = signer.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 });
    const res = await http().get('/api/auth/me').set('Authorization', `Bearer ${expired}`).expect(401);
    expect(res.body.message).toBe('the access token has expired: sign in again');
    const forged = new JwtService({ secret: 'x'.repeat(40) }).sign(claims, { expiresIn: 600 });
    await http().get('/api/auth/me').set('Authorization', `Bearer ${forged}`).expect(401);

    await sql(
      `INSERT INTO users (username, display_name, role, password_hash, active)
       SELECT 'cadre.inactive', 'Tài khoản đã khóa', 'cadre', password_hash, false FROM users WHERE username = 'admin'
       ON CONFLICT DO NOTHING`,
    );
    await login('cadre.inactive', DEMO_PASSWORD).expect(401);
  });

  it('signing out revokes the token at once', async () => {
    const token = (await login('officer.donre', DEMO_PASSWORD).expect(200)).body.accessToken;
    const auth = { Authorization: `Bearer ${token}` };
    await http().get('/api/auth/me').set(auth).expect(200);
    await http().post('/api/auth/logout').set(auth).expect(204);
    const after = await http().get('/api/auth/me').set(auth).expect(401);
    expect(after.body.message).toBe('this token was revoked: sign in again');
    // Another session of the same user is not affected.
    await http()
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${await tokenFor(api, 'officer.donre')}`)
      .expect(200);
  });

  it('locks guessing: the sixth attempt on one username gets 429 with Retry-After, others are unaffected', async () => {
    // A username of its own: locks are shared through the database, and demo users sign in elsewhere.
    const guessed = `nobody.guessed${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 5; i++) await login(guessed, `guess-${i}`).expect(401);
    const blocked = await login(guessed, DEMO_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('auth.account-locked');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    await login('officer.dard', 'guess').expect(401);
  });
});
