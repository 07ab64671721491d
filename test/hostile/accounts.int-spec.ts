import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { useAppsOnOwnDatabase } from '../support/apps';
import { sql, unitId } from '../support/fixtures';
import { DEMO_PASSWORD } from '../support/http';

/**
 * Accounts as a hostile run found them: a token outlived the password reset, deactivation or new role
 * that should have ended it; usernames differed only by case; the last admin could lock everyone out.
 * On a database of its own, since it deactivates admins.
 */
describe('accounts: sessions end with the credentials, usernames and the last admin', () => {
  let api: INestApplication;
  const http = () => request(api.getHttpServer());

  const apps = useAppsOnOwnDatabase('accounts');
  let adminHeaders: Record<string, string> | undefined;
  let rootName: string;
  beforeAll(async () => {
    api = apps.api;
    rootName = (await newAccount('admin')).username;
    adminHeaders = { Authorization: `Bearer ${(await signIn(rootName)).accessToken}` };
  });

  /** A fresh account per case, so sign-in throttling and revocations never cross cases. */
  let accounts = 0;
  async function newAccount(role = 'leadership-viewer', extra: object = {}) {
    const username = `acct.${role}${++accounts}.${Date.now().toString(36)}`;
    const body = { username, displayName: 'Tài khoản thử', role, password: DEMO_PASSWORD, ...extra };
    // The first account is made in SQL from the seed's admin hash, so no demo user signs in here.
    if (!adminHeaders) {
      await sql(
        `INSERT INTO users (username, display_name, role, password_hash)
         SELECT $1, 'Quản trị thử', 'admin', password_hash FROM users WHERE username = 'admin'`,
        [username],
      );
    } else {
      await http().post('/api/users').set(adminHeaders).send(body).expect(201);
    }
    const [{ id }] = await sql<{ id: string }>(`SELECT id FROM users WHERE username = $1`, [username]);
    return { id, username };
  }

  async function signIn(username: string, password = DEMO_PASSWORD) {
    const res = await http().post('/api/auth/login').send({ username, password }).expect(200);
    const cookie = /^ngk_refresh=([^;]+)/.exec(
      ((res.headers['set-cookie'] as unknown as string[]) ?? []).find((c) => c.startsWith('ngk_refresh=')) ??
        '',
    )?.[1];
    return { accessToken: res.body.accessToken as string, cookie: cookie!, user: res.body.user };
  }

  const me = (token: string) => http().get('/api/auth/me').set('Authorization', `Bearer ${token}`);
  const refresh = (cookie: string) =>
    http().post('/api/auth/refresh').set('X-NGK-Refresh', '1').set('Cookie', `ngk_refresh=${cookie}`);
  const patchUser = (id: string, body: object) =>
    http().patch(`/api/users/${id}`).set(adminHeaders!).send(body);

  /** Signs in, applies the change at once (in the same second, as a real reset often is), checks the old session. */
  async function expectChangeEndsSession(change: object, code = 'auth.session-ended') {
    const { id, username } = await newAccount('unit-officer', { unitId: await unitId('ba-tri') });
    const before = await signIn(username);
    await me(before.accessToken).expect(200);
    await patchUser(id, change).expect(200);
    expect((await me(before.accessToken).expect(401)).body.code).toBe(code);
    expect((await refresh(before.cookie).expect(401)).body.code).toBe('auth.session-ended');
    return { id, username, before };
  }

  it('an admin password reset ends the access token and the refresh token issued before it', async () => {
    const { username } = await expectChangeEndsSession({ password: 'mot-mat-khau-moi' });
    await http().post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(401);
    await me((await signIn(username, 'mot-mat-khau-moi')).accessToken).expect(200);
  });

  it('a change of role ends the sessions; so does a change of unit', async () => {
    await expectChangeEndsSession({ role: 'unit-head' });
    await expectChangeEndsSession({ unitId: await unitId('giong-trom') });
  });

  it('deactivation ends the sessions, and reactivation does not bring them back', async () => {
    const { id, username, before } = await expectChangeEndsSession(
      { active: false },
      'auth.account-inactive',
    );
    await patchUser(id, { active: true }).expect(200);
    expect((await me(before.accessToken).expect(401)).body.code).toBe('auth.session-ended');
    await me((await signIn(username)).accessToken).expect(200);
  });

  it('a change that leaves role, unit, password and activity alone keeps the sessions', async () => {
    const { id, username } = await newAccount();
    const before = await signIn(username);
    await patchUser(id, { displayName: 'Tên mới', email: 'ten.moi@ngk.example' }).expect(200);
    await me(before.accessToken).expect(200);
    await refresh(before.cookie).expect(200);
  });

  it("refuses 'Admin' when 'admin' exists, at once and under a race, and signs in with any case", async () => {
    const { username } = await newAccount();
    const taken = await http()
      .post('/api/users')
      .set(adminHeaders!)
      .send({
        username: username.toUpperCase(),
        displayName: 'Trùng tên',
        role: 'cadre',
        password: DEMO_PASSWORD,
      })
      .expect(409);
    expect(taken.body).toMatchObject({ code: 'user.username-taken', errors: [{ field: 'username' }] });

    const twin = `Twin.${Date.now().toString(36)}`;
    const answers = await Promise.all(
      [twin, twin.toLowerCase(), twin.toUpperCase()].map((name) =>
        http()
          .post('/api/users')
          .set(adminHeaders!)
          .send({ username: name, displayName: 'Song sinh', role: 'cadre', password: DEMO_PASSWORD }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.body.code).toBe('user.username-taken');
    }
    const [{ count }] = await sql<{ count: string }>(
      `SELECT count(*) FROM users WHERE lower(username) = lower($1)`,
      [twin],
    );
    expect(count).toBe('1');

    const signedIn = await signIn(username.toUpperCase());
    expect(signedIn.user.username).toBe(username);
  });

  it('the last active admin cannot be deactivated or demoted, and nothing is written', async () => {
    const [root] = await sql<{ id: string }>(`SELECT id FROM users WHERE username = $1`, [rootName]);
    // Every other admin is closed behind the API's back: the signed-in one is the last.
    await sql(`UPDATE users SET active = false WHERE role = 'admin' AND id <> $1`, [root.id]);
    const row = () => sql(`SELECT role, active, token_version FROM users WHERE id = $1`, [root.id]);
    const audits = () => sql(`SELECT count(*) FROM admin_audit WHERE entity_key = $1`, [root.id]);
    const [rowBefore, auditsBefore] = [await row(), await audits()];

    const deactivate = await patchUser(root.id, { active: false }).expect(409);
    expect(deactivate.body).toMatchObject({ code: 'user.last-admin', errors: [{ field: 'active' }] });
    const demote = await patchUser(root.id, { role: 'cadre', password: 'mot-mat-khau-moi' }).expect(409);
    expect(demote.body).toMatchObject({ code: 'user.last-admin', errors: [{ field: 'role' }] });
    expect(await row()).toEqual(rowBefore);
    expect(await audits()).toEqual(auditsBefore);
    await me(adminHeaders!.Authorization.slice('Bearer '.length)).expect(200);

    // Two admins removing each other at once: one wins, the other is refused (or finds itself signed out).
    const second = await newAccount('admin');
    const secondHeaders = { Authorization: `Bearer ${(await signIn(second.username)).accessToken}` };
    const answers = await Promise.all([
      patchUser(second.id, { active: false }),
      http().patch(`/api/users/${root.id}`).set(secondHeaders).send({ role: 'cadre' }),
    ]);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409 || s === 401)).toHaveLength(1);
    const [{ count }] = await sql<{ count: string }>(
      `SELECT count(*) FROM users WHERE role = 'admin' AND active`,
    );
    expect(count).toBe('1');
  });
});
