import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client as TemporalClient } from '@temporalio/client';
import { Pool } from 'pg';
import { bareAcknowledge } from '../workflows/bare';

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
  const db = new Pool({ connectionString: databaseUrl, max: 10, idleTimeoutMillis: 60_000 });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
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
      const answer = (status: number, body: unknown) => {
        stages.push(['total', performance.now() - started]);
        res.writeHead(status, {
          'content-type': 'application/json',
          'server-timing': stages.map(([name, ms]) => `${name};dur=${ms.toFixed(2)}`).join(', '),
        });
        res.end(JSON.stringify(body));
      };
      act(db, client, secret, req, Buffer.concat(chunks), stage).then(
        (result) => answer(result.status, result.body),
        (err: Error) => answer(500, { message: err.message }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.end();
    },
  };
}

/** The items the baseline acts on: each one's row and lead task, due in three weeks. */
export async function seedBareDutyItems(databaseUrl: string, ids: string[]): Promise<void> {
  const db = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
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

type Stage = <T>(name: string, work: () => Promise<T>) => Promise<T>;

async function act(
  db: Pool,
  client: TemporalClient,
  secret: string,
  req: IncomingMessage,
  body: Buffer,
  stage: Stage,
): Promise<{ status: number; body: unknown }> {
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
