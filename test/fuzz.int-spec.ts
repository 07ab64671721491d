import { Client as TemporalClient } from '@temporalio/client';
import fc from 'fast-check';
import request from 'supertest';
import { AuthService } from '../apps/api/src/auth/auth.service';
import { ACCESS_POLICY, roleMayCall } from '../apps/api/src/common/access-policy';
import { JSON_DEPTH_LIMIT } from '../apps/api/src/configure-app';
import { ACTION_CATALOGUE, type Role } from '../libs/domain/src';
import { DEMO_RECOMMENDATIONS } from '../scripts/lib/demo-data';
import { useAppsOnOwnDatabase } from './support/apps';
import { changedTables, type Fingerprint } from './support/db-fingerprint';
import { sql, unitId } from './support/fixtures';
import { fieldSweep, requests, type FuzzRequest } from './support/fuzz/requests';
import type { KnownValues } from './support/fuzz/values';
import { authAs, client, DEMO_PASSWORD, tokenFor } from './support/http';
import { operationsOf, type Operation } from './support/openapi';
import { routesOf } from './support/routes';

/** Random requests per route: NGK_FUZZ_RUNS (20 by default), after the sweep of each body field. */
const RUNS = Number(process.env.NGK_FUZZ_RUNS ?? 20);
/** One seed for the file, printed with any failure; NGK_FUZZ_SEED replays it. */
const SEED = Number(process.env.NGK_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** NGK_FUZZ_ROUTE, e.g. `PATCH /api/units/:id`, fuzzes that route alone (several: comma-separated). */
const ONLY = process.env.NGK_FUZZ_ROUTE?.split(',').map((route) => route.trim());

/** Demo users of every role, several units and communes among them. */
const USERS = [
  'cadre.hoaloi',
  'cadre.anthanh',
  'cadre.phongnam',
  'officer.thanhphu',
  'officer.dot',
  'officer.partyoffice',
  'officer.organization',
  'head.thanhphu',
  'head.ppc',
  'member.standing',
  'viewer.leadership',
  'admin',
];

/** Sign-out revokes the token it is sent with, so it gets a fresh one; every other route leaves it usable. */
const SPENDS_ITS_TOKEN = 'POST /api/auth/logout';

/**
 * The routes whose refusals write, and the tables they write: failed sign-ins are counted; an action
 * the workflow refuses was counted against its user's cap when it was sent, and, sent with an
 * Idempotency-Key, its refusal is kept as the answer a retry gets.
 */
const WRITES_ON_REFUSAL = new Map<string, string[]>([
  ['POST /api/auth/login', ['sign_in_limits']],
  ...Object.values(ACTION_CATALOGUE).map(
    ({ route }) =>
      [`${route.method} ${route.path}`, ['user_rate_windows', 'action_requests']] as [string, string[]],
  ),
]);

/** A request that takes longer than this has hung: a failure like a 5xx. */
const ANSWER_WITHIN_MS = 15_000;

/**
 * Property-based fuzzing of every route the OpenAPI document lists: path parameters, query strings,
 * headers and bodies. Never a 5xx; every refusal says why in the API's shape, with a code for itself and
 * for each field it names; a refused request writes no row. The file has a database and a task queue of
 * its own, so every table can be compared.
 *
 * No refusal writes by design, with the exceptions WRITES_ON_REFUSAL lists: counts every API process
 * must see, and the first answer to an Idempotency-Key. admin_audit is written in the transaction of the change it records. What accepted requests set off (projections, email status) is waited for before the next.
 */
describe('fuzzing every route', () => {
  const apps = useAppsOnOwnDatabase('fuzz');
  const http = () => request(apps.api.getHttpServer());
  let operations: Operation[];
  let known: KnownValues;
  let roles: Map<string, Role>;
  /**
   * The database as the last refusal left it, the `before` of the next request: anything written since,
   * by whomever, shows as that request's write. Unset after an accepted change, whose workflows may still
   * be writing what it set off; the next request first waits for them to finish.
   */
  let last: Fingerprint | undefined;

  beforeAll(async () => {
    operations = operationsOf((await http().get('/api/docs-json').expect(200)).body);
    // Tokens first: fuzzing the sign-in route trips its throttle for these usernames.
    for (const username of USERS) await tokenFor(apps.api, username);
    const rows = await sql<{ username: string; role: Role }>(`SELECT username, role FROM users`);
    roles = new Map(rows.map((r) => [r.username, r.role]));
    known = await createKnownValues();
  });

  /** Items, a unit, a routing rule and an account to act on, all made through the API. */
  async function createKnownValues(): Promise<KnownValues> {
    const api = client(apps.api);
    const items: string[] = [];
    for (const demo of DEMO_RECOMMENDATIONS) {
      const res = await api.submit(demo.cadre, { ...demo.body, localityUnitId: await unitId(demo.commune) });
      if (res.status !== 201) throw new Error(`cannot submit ${demo.key}: ${res.status} ${res.text}`);
      items.push(res.body.id);
    }
    const unit = await api.addUnit({ kind: 'department', parentId: await unitId('ben-tre') });
    const admin = await authAs(apps.api, 'admin');
    const rule = await http()
      .post('/api/routing-rules')
      .set(admin)
      .send({ code: 'fuzz-rule', localityUnitId: unit, leadUnitId: await unitId('dot') })
      .expect(201);
    const user = await http()
      .post('/api/users')
      .set(admin)
      .send({ username: 'fuzz.cadre', displayName: 'Fuzz', role: 'cadre', password: DEMO_PASSWORD })
      .expect(201);
    const ids = async (query: string) => (await sql<{ id: string }>(query)).map((r) => String(r.id));
    const units = await ids(`SELECT id FROM units`);
    // A cadre's periodic report with an emerging issue, as a period's run and a draft leave them.
    const [report] = await ids(
      `INSERT INTO cadre_reports (cadre_user_id, commune_unit_id, period_kind, period_start, period_end, due_at)
       SELECT u.id, c.id, 'quarter', DATE '2026-10-01', DATE '2026-12-31', now() + interval '30 days'
         FROM users u, units c WHERE u.username = 'cadre.hoaloi' AND c.code = 'hoa-loi' RETURNING id`,
    );
    const issues = await ids(
      `INSERT INTO report_issues (report_id, category_code, text) VALUES ('${report}', 'infrastructure', 'Sạt lở') RETURNING id`,
    );
    return {
      path: {
        recommendations: items,
        units: [unit],
        'routing-rules': [rule.body.id],
        users: [user.body.id],
        notifications: await ids(`SELECT id FROM notifications ORDER BY id LIMIT 5`),
        'sla-policies': await ids(`SELECT code AS id FROM sla_policies`),
        overrides: ['2030-01-05', '2030-01-07'],
        'cadre-reports': [report],
        'report-issues': issues,
      },
      ids: [...units, ...items, user.body.id],
    };
  }

  const temporal = () => apps.api.get(TemporalClient);

  it('finds every route the router serves in the OpenAPI document, each path parameter declared', () => {
    expect(operations.map((o) => o.route).sort()).toEqual(routesOf(apps.api).sort());
    expect(operations.length).toBe(Object.keys(ACCESS_POLICY).length);
    const undeclared = operations.filter(
      (o) => [...o.declaredPathParams].sort().join() !== [...o.pathParams].sort().join(),
    );
    expect(undeclared.map((o) => o.route)).toEqual([]);
  });

  it('sees every write in the fingerprints, an update that rewrites the same value too', async () => {
    const mute = async () =>
      http()
        .patch('/api/notifications/preferences')
        .set(await authAs(apps.api, 'viewer.leadership'))
        .send({ emailMuted: true })
        .expect(200);
    const before = await apps.fingerprint.settled(temporal(), apps.taskQueue);
    await mute();
    const muted = await apps.fingerprint.take();
    expect(changedTables(before, muted)).toEqual(['users']);
    await mute();
    expect(changedTables(muted, await apps.fingerprint.take())).toEqual(['users']);
  });

  it('refuses deep JSON (400) and oversized bodies (413) before sign-in, and writes nothing', async () => {
    const before = await apps.fingerprint.settled(temporal(), apps.taskQueue);
    const post = (text: string | Buffer, contentType = 'application/json') =>
      http().post('/api/recommendations').set('content-type', contentType).send(text);
    const deep = await post(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(deep.status).toBe(400);
    expect(deep.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: `the request body nests arrays and objects deeper than ${JSON_DEPTH_LIMIT} levels`,
      code: 'request.body-too-deep',
    });
    const nest = (levels: number) => `{"title":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
    expect((await post(nest(JSON_DEPTH_LIMIT + 1))).status).toBe(400);
    // At the limit the body is read, and sign-in is what is missing.
    expect((await post(nest(JSON_DEPTH_LIMIT))).status).toBe(401);
    const utf16 = await post(Buffer.from('{"title":"x"}', 'utf16le'), 'application/json; charset=utf-16le');
    expect(utf16.status).toBe(400);
    expect(utf16.body.message).toBe('a JSON request body must be UTF-8');
    const oversized = await post(JSON.stringify({ title: 'x'.repeat(300_000) }));
    expect(oversized.status).toBe(413);
    expect(oversized.body.statusCode).toBe(413);
    expect(changedTables(before, await apps.fingerprint.take())).toEqual([]);
  });

  it(
    'never answers 5xx, says why it refuses, and writes nothing when it refuses',
    async () => {
      const failures: string[] = [];
      for (const op of operations.filter((o) => !ONLY || ONLY.includes(o.route))) {
        const allowed = allowedUsers(op);
        // The sweep goes first, as examples, each as a user the route lets through.
        const examples = fieldSweep(op, known, SEED).map((req, i): [string | null, FuzzRequest] => [
          allowed[i % allowed.length] ?? null,
          req,
        ]);
        try {
          await fc.assert(
            fc.asyncProperty(principal(op), requests(op, known), (who, req) => exchange(op, who, req)),
            { numRuns: RUNS, seed: SEED, examples, includeErrorInReport: true },
          );
        } catch (err) {
          failures.push(`${op.route}: ${(err as Error).message.slice(0, 4000)}`);
        }
      }
      expect(failures).toEqual([]);
    },
    Math.max(120_000, RUNS * 6_000),
  );

  function allowedUsers(op: Operation): string[] {
    return USERS.filter((u) => roleMayCall(ACCESS_POLICY[op.route], roles.get(u)!));
  }

  /** Mostly users the access policy lets through, so requests reach validation; some others, some nobody. */
  function principal(op: Operation): fc.Arbitrary<string | null> {
    const allowed = allowedUsers(op);
    const refused = USERS.filter((u) => !allowed.includes(u));
    return fc.oneof(
      ...(allowed.length > 0 ? [{ weight: 6, arbitrary: fc.constantFrom(...allowed) }] : []),
      { weight: 1, arbitrary: fc.constant(null) },
      ...(refused.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...refused) }] : []),
    );
  }

  async function exchange(op: Operation, who: string | null, req: FuzzRequest): Promise<void> {
    const token = who ? await tokenOf(op, who) : null;
    const before = last ?? (await apps.fingerprint.settled(temporal(), apps.taskQueue));
    const res = await send(req, token);
    const what = requestLine(req, who);
    if (res.status < 400 || res.status >= 500) {
      if (req.method !== 'GET' || res.status >= 500) last = undefined;
      if (res.status >= 500) throw new Error(`${what} answered ${res.status}: ${res.text.slice(0, 500)}`);
      return;
    }
    const body = res.body as { statusCode?: unknown; message?: unknown; code?: unknown; errors?: unknown };
    if (body?.statusCode !== res.status || typeof body.message !== 'string' || body.message === '') {
      last = undefined;
      throw new Error(`${what} refused with ${res.status} without saying why: ${res.text.slice(0, 300)}`);
    }
    // A client words a refusal by its code: one for the refusal, one for each field it names.
    const uncoded = (Array.isArray(body.errors) ? body.errors : []).filter(
      (e: { code?: unknown }) => typeof e?.code !== 'string' || e.code === '',
    );
    if (typeof body.code !== 'string' || body.code === '' || uncoded.length > 0) {
      last = undefined;
      throw new Error(`${what} refused with ${res.status} without a code: ${res.text.slice(0, 300)}`);
    }
    last = await apps.fingerprint.take();
    const changed = changedTables(before, last).filter(
      (table) => !WRITES_ON_REFUSAL.get(op.route)?.includes(table),
    );
    if (changed.length > 0) {
      throw new Error(
        `${what} refused with ${res.status} (${body.message}) yet wrote to ${changed.join(', ')}`,
      );
    }
  }

  /** The request as a failure shows it, shortened: huge segments would bury the rest. */
  function requestLine(req: FuzzRequest, who: string | null): string {
    const line = `${req.method} ${req.path}${req.query ? `?${req.query}` : ''}`;
    return `${line.length > 600 ? `${line.slice(0, 600)}…` : line} as ${who ?? 'nobody'}`;
  }

  /**
   * The token a request is sent with. A fresh sign-in writes its refresh token, so it happens before the
   * request's "before" fingerprint, which is then taken again.
   */
  async function tokenOf(op: Operation, who: string): Promise<string> {
    if (op.route !== SPENDS_ITS_TOKEN) return tokenFor(apps.api, who);
    const { session } = await apps.api.get(AuthService).login(who, DEMO_PASSWORD);
    last = undefined;
    return session.accessToken;
  }

  async function send(req: FuzzRequest, token: string | null) {
    const url = req.query ? `${req.path}?${req.query}` : req.path;
    let call = http()
      [req.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url)
      .timeout(ANSWER_WITHIN_MS)
      .set(req.headers);
    if (token) call = call.set('Authorization', `Bearer ${token}`);
    if (req.body) call = call.set('content-type', req.body.contentType).send(req.body.text);
    try {
      return await call;
    } catch (err) {
      const { response } = err as { response?: request.Response };
      if (response) return response;
      // A timeout or a dropped connection is no answer at all: the server's failure, like a 5xx.
      return { status: 599, text: `no answer: ${String(err)}`, body: undefined };
    }
  }
});
