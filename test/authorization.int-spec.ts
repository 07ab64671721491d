import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ACCESS_POLICY, roleMayCall } from '../apps/api/src/common/access-policy';
import type { Role } from '../libs/domain/src';
import { useApps } from './support/apps';
import { examples } from './support/examples';
import { authAs, client, DEMO_PASSWORD, eventually } from './support/http';
import { routesOf } from './support/routes';

/** One demo user per role; null is nobody signed in. */
const PRINCIPALS: [Role | null, string | null][] = [
  [null, null],
  ['cadre', 'cadre.hoaloi'],
  ['unit-officer', 'officer.thanhphu'],
  ['unit-head', 'head.thanhphu'],
  ['standing-committee', 'member.standing'],
  ['leadership-viewer', 'viewer.leadership'],
  ['admin', 'admin'],
];

describe('authorization', () => {
  let api: INestApplication;

  const apps = useApps();

  beforeAll(async () => {
    api = apps.api;
  });

  it('every route has an access rule, and every rule a route', () => {
    const routes = routesOf(api);
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => !(r in ACCESS_POLICY))).toEqual([]);
    expect(Object.keys(ACCESS_POLICY).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('answers each role on each route as the policy says', async () => {
    const http = () => request(api.getHttpServer());
    // Fresh tokens: the logout row revokes the one it uses, so it runs last.
    const tokens = new Map<string, string>();
    for (const [, username] of PRINCIPALS) {
      if (!username) continue;
      const res = await http()
        .post('/api/auth/login')
        .send({ username, password: DEMO_PASSWORD })
        .expect(200);
      tokens.set(username, res.body.accessToken);
    }
    const routes = routesOf(api).sort(
      (a, b) => Number(a.endsWith('/logout')) - Number(b.endsWith('/logout')),
    );
    const mismatches: string[] = [];
    for (const route of routes) {
      const [method, pattern] = route.split(' ');
      // An item nobody can see and a date nobody set: allowed calls fail on the item, never on the rule.
      const path = pattern
        .replace(':id', route.includes('/notifications/') ? '999999999' : randomUUID())
        .replace(':date', '2033-01-01')
        .replace(':code', 'no-such-policy');
      for (const [role, username] of PRINCIPALS) {
        let req = http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
        if (username) req = req.set('Authorization', `Bearer ${tokens.get(username)}`);
        const res = await req.send({});
        const access = ACCESS_POLICY[route];
        const deniedByRule =
          res.status === 403 &&
          typeof res.body.message === 'string' &&
          /may not use this route/.test(res.body.message);
        // Metrics answer this machine whoever calls when METRICS_TOKEN is unset, as in these tests.
        const expected =
          access === 'public' || access === 'scraper'
            ? res.status !== 401 && res.status !== 403
            : role === null
              ? res.status === 401
              : roleMayCall(access, role)
                ? res.status !== 401 && !deniedByRule
                : deniedByRule;
        if (!expected || res.status >= 500)
          mismatches.push(`${route} as ${role ?? 'anonymous'}: ${res.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('an item is visible to its cadre, the cadres following its commune and the units concerned; others get 404', async () => {
    const http = client(api);
    const submitted = await http.submit('cadre.hoaloi', {
      ...(await examples()).road26,
      title: 'Quyền xem: đường 26',
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;
    // Lead (Thạnh Phú), coordinating (Transport, Planning), supervising (Provincial People's Committee).
    const sees = [
      'cadre.hoaloi',
      'officer.thanhphu',
      'head.thanhphu',
      'officer.dot',
      'officer.dpi',
      'head.ppc',
    ];
    const leaders = ['member.standing', 'viewer.leadership', 'admin'];
    for (const username of [...sees, ...leaders]) {
      expect([username, (await http.get(username, id)).status]).toEqual([username, 200]);
    }
    for (const username of ['cadre.anthanh', 'officer.dard', 'officer.propaganda', 'head.organization']) {
      expect([username, (await http.get(username, id)).status]).toEqual([username, 404]);
      const timeline = await request(api.getHttpServer())
        .get(`/api/recommendations/${id}/timeline`)
        .set(await authAs(api, username));
      expect(timeline.status).toBe(404);
    }
    const listed = async (username: string) => {
      const res = await request(api.getHttpServer())
        .get('/api/recommendations')
        .query({ limit: '100', text: 'Quyền xem' })
        .set(await authAs(api, username));
      return res.body.items.map((i: { id: string }) => i.id);
    };
    expect(await listed('officer.dot')).toContain(id);
    expect(await listed('officer.dard')).not.toContain(id);
    expect(await listed('cadre.anthanh')).not.toContain(id);

    // Every event says who (user, role, unit), when, in which request, and the status before and after.
    const acknowledged = await request(api.getHttpServer())
      .post(`/api/recommendations/${id}/acknowledge`)
      .set(await authAs(api, 'officer.thanhphu'))
      .set('X-Request-Id', `audit-${id}`)
      .send({});
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.headers['x-request-id']).toBe(`audit-${id}`);
    const events = await http.timeline(id);
    expect(events[0]).toMatchObject({ type: 'submitted', actorUsername: 'cadre.hoaloi', actorRole: 'cadre' });
    expect(events[0].requestId).toEqual(expect.any(String));
    expect(events.find((e) => e.type === 'acknowledged')).toMatchObject({
      actorUsername: 'officer.thanhphu',
      actorRole: 'unit-officer',
      actorUnitId: expect.any(String),
      requestId: `audit-${id}`,
      statusBefore: 'routed',
      statusAfter: 'in-progress',
      occurredAt: expect.any(String),
    });

    // A viewer reads everything and changes nothing.
    const viewer = await http.act('viewer.leadership', id, 'acknowledge');
    expect(viewer.status).toBe(403);
  });

  it('every read path shows an item to those who may see it and to no one else', async () => {
    const http = client(api);
    const title = 'Quyền xem mọi đường đọc';
    const submitted = await http.submit('cadre.hoaloi', { ...(await examples()).road26, title });
    expect(submitted.status).toBe(201);
    const { id, reference, leadUnitId } = submitted.body;
    expect(leadUnitId).toEqual(expect.any(String));
    const get = async (username: string, path: string, query: Record<string, string> = {}) =>
      request(api.getHttpServer())
        .get(path)
        .query(query)
        .set(await authAs(api, username));
    const outsiders = ['cadre.anthanh', 'officer.dard', 'officer.propaganda', 'head.organization'];
    const insiders = ['cadre.hoaloi', 'officer.thanhphu', 'officer.dot', 'head.ppc', 'member.standing'];

    // List and CSV export.
    for (const username of [...insiders, ...outsiders]) {
      const listed = await get(username, '/api/recommendations', { text: title, limit: '100' });
      expect([username, listed.status]).toEqual([username, 200]);
      const csv = await get(username, '/api/recommendations.csv', { text: title });
      expect([username, csv.status]).toEqual([username, 200]);
      const sees = insiders.includes(username);
      expect([username, listed.body.items.some((i: { id: string }) => i.id === id)]).toEqual([
        username,
        sees,
      ]);
      expect([username, csv.text.includes(reference)]).toEqual([username, sees]);
    }

    // The task inbox: the lead unit's, not another unit's.
    const inbox = async (username: string) =>
      (await get(username, '/api/tasks')).body.map(
        (t: { recommendation: { id: string } }) => t.recommendation.id,
      );
    expect(await inbox('officer.thanhphu')).toContain(id);
    expect(await inbox('officer.dard')).not.toContain(id);

    // Notifications: the lead unit hears of the routing and reads the item's title; others hear nothing.
    const told = async (username: string) =>
      (await get(username, '/api/notifications', { limit: '100' })).body.items.filter(
        (n: { recommendationId: string | null }) => n.recommendationId === id,
      );
    const heard = await eventually(
      () => told('officer.thanhphu'),
      (items) => items.length > 0,
    );
    expect(heard[0]).toMatchObject({ itemTitle: title, reference });
    expect(await told('officer.dard')).toEqual([]);

    // Figures: unit staff read their own unit's, never another's; leadership reads any unit's.
    const dardUnit = (await get('officer.dard', '/api/auth/me')).body.unitId as string;
    const own = await get('officer.thanhphu', '/api/dashboard');
    expect(own.status).toBe(200);
    expect(own.body.byUnit.every((row: { id: string }) => row.id === leadUnitId)).toBe(true);
    expect((await get('officer.dard', '/api/dashboard', { unitId: leadUnitId })).body.code).toBe(
      'dashboard.own-unit-only',
    );
    expect((await get('viewer.leadership', '/api/dashboard', { unitId: leadUnitId })).status).toBe(200);
    const quarter = { year: String(new Date().getUTCFullYear()), quarter: '1' };
    const report = await get('head.thanhphu', '/api/reports/quarterly', quarter);
    expect(report.status).toBe(200);
    expect(report.body.scope).toMatchObject({ kind: 'unit', unitId: leadUnitId });
    for (const asked of [{ unitId: dardUnit }, { districtId: dardUnit }] as Record<string, string>[]) {
      const refused = await get('head.thanhphu', '/api/reports/quarterly', { ...quarter, ...asked });
      expect([asked, refused.status, refused.body.code]).toEqual([asked, 403, 'report.own-unit-only']);
    }
    const leadership = await get('member.standing', '/api/reports/quarterly', {
      ...quarter,
      unitId: dardUnit,
    });
    expect(leadership.body.scope).toMatchObject({ kind: 'unit', unitId: dardUnit });
  });
});
