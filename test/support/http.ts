import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DEMO_PASSWORD } from '@ngk/persistence';
import { sql } from './fixtures';

export { DEMO_PASSWORD };

/** The API a test calls: an app in this process, or the base URL of one in its own process. */
export type ApiTarget = INestApplication | string;

const serverOf = (api: ApiTarget) => (typeof api === 'string' ? api : api.getHttpServer());

const tokens = new WeakMap<INestApplication, Map<string, Promise<string>>>();
const tokensByUrl = new Map<string, Map<string, Promise<string>>>();

/** A Bearer token for a demo user, signed in once per app and reused. */
export function tokenFor(api: ApiTarget, username: string): Promise<string> {
  let perApp = typeof api === 'string' ? tokensByUrl.get(api) : tokens.get(api);
  if (!perApp) {
    perApp = new Map();
    if (typeof api === 'string') tokensByUrl.set(api, perApp);
    else tokens.set(api, perApp);
  }
  let token = perApp.get(username);
  if (!token) {
    token = request(serverOf(api))
      .post('/api/auth/login')
      .send({ username, password: DEMO_PASSWORD })
      .then((res) => {
        if (res.status !== 200) throw new Error(`${username} cannot sign in: ${res.status} ${res.text}`);
        return res.body.accessToken as string;
      });
    perApp.set(username, token);
  }
  return token;
}

/** The Authorization header of a signed-in demo user. */
export async function authAs(api: ApiTarget, username: string): Promise<Record<string, string>> {
  return { Authorization: `Bearer ${await tokenFor(api, username)}` };
}

/** The dashboard leadership sees for `query` (a period and filters), answered 200. */
export async function leadershipDashboard(
  api: ApiTarget,
  query: Record<string, string>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<Record<string, any>> {
  const res = await request(serverOf(api))
    .get('/api/dashboard')
    .query(query)
    .set(await authAs(api, 'viewer.leadership'))
    .expect(200);
  return res.body;
}

/** One event of an item's timeline, as the API answers it. */
export interface TimelineEvent {
  seq: number;
  type: string;
  reason: string | null;
  statusBefore: string | null;
  statusAfter: string;
  actorUsername: string | null;
  actorRole: string | null;
  actorUnitId: string | null;
  requestId: string | null;
  occurredAt: string;
  payload: Record<string, unknown>;
}

/** A thin client for the API as a given demo user. */
export function client(api: ApiTarget) {
  const http = () => request(serverOf(api));
  const as = (username: string) => authAs(api, username);
  return {
    submit: async (username: string, body: object, key?: string) => {
      const req = http()
        .post('/api/recommendations')
        .set(await as(username));
      return (key ? req.set('Idempotency-Key', key) : req).send(body);
    },
    act: async (username: string, id: string, action: string, body: object = {}, key?: string) => {
      const req = http()
        .post(`/api/recommendations/${id}/${action}`)
        .set(await as(username));
      return (key ? req.set('Idempotency-Key', key) : req).send(body);
    },
    get: async (username: string, id: string) =>
      http()
        .get(`/api/recommendations/${id}`)
        .set(await as(username)),
    /** Every event of the item, oldest first, read page after page as a client would. */
    timeline: async (id: string) => {
      const events: TimelineEvent[] = [];
      let cursor: string | null = null;
      do {
        const page: { events: TimelineEvent[]; nextCursor: string | null } = (
          await http()
            .get(`/api/recommendations/${id}/timeline`)
            .query({ limit: 200, ...(cursor ? { cursor } : {}) })
            .set(await as('admin'))
            .expect(200)
        ).body;
        events.push(...page.events);
        cursor = page.nextCursor;
      } while (cursor);
      return events;
    },
    list: async (query: Record<string, string>) =>
      http()
        .get('/api/recommendations')
        .query(query)
        .set(await as('admin')),
    /** A unit no other test knows (code `<kind>-<random>`, named "Đơn vị <code>"), added by the admin. */
    addUnit: async (fields: { kind: string; parentId: string }): Promise<string> => {
      const code = `${fields.kind}-${randomUUID().slice(0, 8)}`;
      const res = await http()
        .post('/api/units')
        .set(await as('admin'))
        .send({ code, nameVi: `Đơn vị ${code}`, nameEn: `Unit ${code}`, validFrom: '2015-01-01', ...fields });
      if (res.status !== 201) throw new Error(`cannot add unit ${code}: ${res.status} ${res.text}`);
      return res.body.id as string;
    },
  };
}

/**
 * Runs a request that must be refused and proves it wrote nothing: no event on the item, and no new
 * item from the user. Scoped, because other test files write to the same database at the same time.
 */
export async function refusedWithoutWrites<T>(
  scope: { recommendationId?: string; username?: string },
  run: () => Promise<T>,
): Promise<T> {
  const before = await writesIn(scope);
  const result = await run();
  expect(await writesIn(scope)).toEqual(before);
  return result;
}

async function writesIn(scope: { recommendationId?: string; username?: string }) {
  const [row] = await sql<{ events: number; items: number; tasks: number }>(
    `SELECT (SELECT count(*)::int FROM recommendation_events WHERE recommendation_id = $1) AS events,
            (SELECT count(*)::int FROM tasks WHERE recommendation_id = $1) AS tasks,
            (SELECT count(*)::int FROM recommendations r JOIN users u ON u.id = r.submitted_by WHERE u.username = $2) AS items`,
    [scope.recommendationId ?? null, scope.username ?? null],
  );
  return row;
}

/** Polls until the condition holds; workflow timers fire on the server's clock. */
export async function eventually<T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 30_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
