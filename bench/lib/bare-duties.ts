import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Client as TemporalClient } from '@temporalio/client';
import { Pool } from 'pg';
import { POOL_IDLE_TIMEOUT_MS } from '@ngk/persistence';
import { bareAcknowledge } from '../workflows/bare';
import { startPlainHttp, type PlainAnswer } from './plain-http';

/**
 * Bare Temporal with an NGK action's duties, behind HTTP (bench/action-latency): a plain `node:http`
 * endpoint and `pg`, with none of NGK's framework, that makes the round trips an NGK acknowledge must make
 * by its product's rules, in NGK's order and with NGK's waits:
 *
 * - auth: the Bearer token's HS256 signature and expiry, then its user looked up with the token's
 *   revocation and version (a revoked or outdated token is refused at once, not when it expires);
 * - read: the item, and the Idempotency-Key's record, at once (a retry gets the first answer);
 * - limits: the user's count, in an unlogged table (the per-user cap);
 * - update: the Update, whose local activity commits the item's writes in one statement and whose status
 *   goes to Temporal's visibility store (bareUpdateDutiesWorkflow);
 * - answer: the item and its tasks, read back at once (read-your-writes);
 * - keep: the answer kept with the key's record, for a retry.
 *
 * The key's record and its answer commit without waiting for the disk, as NGK's do. Each stage's time is
 * in a Server-Timing header, as NGK's API gives its own.
 */
export async function startBareDutiesHttp(
  client: TemporalClient,
  databaseUrl: string,
  secret: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  // Sessions kept between requests, as NGK's API keeps its pool's.
  const db = new Pool({ connectionString: databaseUrl, max: 10, idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS });
  const server = await startPlainHttp(async (req, body) => {
    const stages: [string, number][] = [];
    const started = performance.now();
    const stage = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const t = performance.now();
      try {
        return await work();
      } finally {
        stages.push([name, performance.now() - t]);
      }
    };
    const answer = await act(db, client, secret, req, body, stage);
    stages.push(['total', performance.now() - started]);
    const timing = stages.map(([name, ms]) => `${name};dur=${ms.toFixed(2)}`).join(', ');
    return { ...answer, headers: { 'server-timing': timing } };
  });
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await db.end();
    },
  };
}

/**
 * The items the baseline acts on, in its read model (made here, where the baseline runs): each one's row
 * and lead task, due in three weeks.
 */
export async function seedBareDutyItems(databaseUrl: string, ids: string[]): Promise<void> {
  const db = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await db.query(DUTY_TABLES);
    await db.query(
      `INSERT INTO bench_duty_items (id, status, title, due_at)
       SELECT id, 'routed', 'Nâng cấp đường 26 xã Hòa Lợi', now() + interval '21 days' FROM unnest($1::text[]) id`,
      [ids],
    );
    await db.query(
      `INSERT INTO bench_duty_tasks (item, unit, status, due_at)
       SELECT id, 'lead', 'routed', now() + interval '21 days' FROM unnest($1::text[]) id`,
      [ids],
    );
  } finally {
    await db.end();
  }
}

/**
 * The read model of the baseline with NGK's duties: an item's row, its events, its
 * tasks, the notifications of its people and the dashboard's pending changes, each with the one index its
 * reads need. Actions' keys are recorded and answered as NGK's are, and counted per user in an unlogged
 * table, as NGK's per-user caps are.
 */
const DUTY_TABLES = `
  CREATE TABLE IF NOT EXISTS bench_duty_items (id text PRIMARY KEY, status text NOT NULL, title text NOT NULL,
    last_seq int NOT NULL DEFAULT 0, due_at timestamptz, updated_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS bench_duty_events (item text NOT NULL, seq int NOT NULL, status_after text NOT NULL,
    at timestamptz NOT NULL, PRIMARY KEY (item, seq));
  CREATE TABLE IF NOT EXISTS bench_duty_tasks (item text NOT NULL, unit text NOT NULL, status text NOT NULL,
    due_at timestamptz, PRIMARY KEY (item, unit));
  CREATE TABLE IF NOT EXISTS bench_duty_notifications (id bigserial PRIMARY KEY, item text NOT NULL, seq int NOT NULL,
    recipient text NOT NULL, at timestamptz NOT NULL);
  CREATE INDEX IF NOT EXISTS bench_duty_notifications_recipient ON bench_duty_notifications (recipient, id);
  CREATE TABLE IF NOT EXISTS bench_duty_stats_pending (id bigserial PRIMARY KEY, status text NOT NULL, delta int NOT NULL);
  CREATE TABLE IF NOT EXISTS bench_duty_keys (user_id text NOT NULL, item text NOT NULL, key text NOT NULL,
    request_hash text NOT NULL, status_code int, answer jsonb, created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, item, key));
  CREATE UNLOGGED TABLE IF NOT EXISTS bench_duty_counts (user_id text PRIMARY KEY, n int NOT NULL);`;

/**
 * An acknowledge's writes to that read model in one committed statement, as NGK's projection of one is:
 * the event, the row's new state, its task, a notification to its cadre and the dashboard's change.
 */
export const DUTY_PROJECTION = `
  WITH before AS (SELECT status FROM bench_duty_items WHERE id = $1),
  item AS (UPDATE bench_duty_items SET status = $2, last_seq = last_seq + 1, updated_at = now()
            WHERE id = $1 RETURNING id, last_seq),
  event AS (INSERT INTO bench_duty_events (item, seq, status_after, at) SELECT id, last_seq, $2, now() FROM item),
  task AS (UPDATE bench_duty_tasks SET status = $2 WHERE item = $1),
  notice AS (INSERT INTO bench_duty_notifications (item, seq, recipient, at)
              SELECT id, last_seq, 'cadre', now() FROM item),
  stats AS (INSERT INTO bench_duty_stats_pending (status, delta)
             SELECT status, -1 FROM before UNION ALL SELECT $2, 1)
  SELECT last_seq FROM item`;

type Stage = <T>(name: string, work: () => Promise<T>) => Promise<T>;

async function act(
  db: Pool,
  client: TemporalClient,
  secret: string,
  req: IncomingMessage,
  body: Buffer,
  stage: Stage,
): Promise<PlainAnswer> {
  const claims = verifyHs256((req.headers.authorization ?? '').replace(/^Bearer /, ''), secret);
  if (!claims) return { status: 401, body: { code: 'auth.invalid-token' } };
  const [user] = await stage('auth', async () => {
    const { rows } = await db.query<{ active: boolean; revoked: boolean; current: boolean }>(
      `SELECT u.active, EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.jti = $2) AS revoked,
              u.token_version = $3 AS current
         FROM users u WHERE u.id = $1`,
      [claims.sub, claims.jti, claims.ver ?? 0],
    );
    return rows;
  });
  if (!user?.active || user.revoked || !user.current) return { status: 401, body: { code: 'auth.refused' } };
  JSON.parse(body.toString('utf8') || '{}');
  const itemId = decodeURIComponent((req.url ?? '/').slice(1));
  // Without a key (BENCH_IDEMPOTENCY=off), as NGK's API: nothing recorded, nothing kept.
  const key = req.headers['idempotency-key'] as string | undefined;
  const requestHash = createHash('sha256').update(body).digest('hex');
  const [item, claimed] = await stage('read', () =>
    Promise.all([
      db.query(`SELECT id, status FROM bench_duty_items WHERE id = $1`, [itemId]),
      key
        ? db.query(
            `INSERT INTO bench_duty_keys (user_id, item, key, request_hash) VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING RETURNING true AS fresh, set_config('synchronous_commit', 'off', true)`,
            [claims.sub, itemId, key, requestHash],
          )
        : null,
    ]),
  );
  if (item.rows.length === 0) return { status: 404, body: { code: 'recommendation.not-found' } };
  if (claimed?.rows.length === 0) return { status: 409, body: { code: 'idempotency.in-use' } };
  await stage('limits', () =>
    db.query(
      `INSERT INTO bench_duty_counts (user_id, n) VALUES ($1, 1)
       ON CONFLICT (user_id) DO UPDATE SET n = bench_duty_counts.n + 1 RETURNING n`,
      [claims.sub],
    ),
  );
  await stage('update', () =>
    client.workflow.getHandle(itemId).executeUpdate(bareAcknowledge, key ? { updateId: key } : {}),
  );
  const [row, tasks] = await stage('answer', () =>
    Promise.all([
      db.query(`SELECT * FROM bench_duty_items WHERE id = $1`, [itemId]),
      db.query(`SELECT * FROM bench_duty_tasks WHERE item = $1`, [itemId]),
    ]),
  );
  const view = { ...row.rows[0], tasks: tasks.rows };
  if (!key) return { status: 200, body: view };
  await stage('keep', () =>
    db.query(
      `UPDATE bench_duty_keys SET status_code = 200, answer = $4
        WHERE user_id = $1 AND item = $2 AND key = $3
       RETURNING set_config('synchronous_commit', 'off', true)`,
      [claims.sub, itemId, key, JSON.stringify(view)],
    ),
  );
  return { status: 200, body: view };
}

/** The claims of an HS256 token whose signature and expiry hold, or null. */
function verifyHs256(
  token: string,
  secret: string,
): { sub: string; jti: string; ver?: number; exp: number } | null {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return null;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    sub: string;
    jti: string;
    ver?: number;
    exp: number;
  };
  return claims.exp * 1000 > Date.now() ? claims : null;
}
