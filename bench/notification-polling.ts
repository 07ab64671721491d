/**
 * bench/notification-polling: what the bell costs. BENCH_USERS (200) signed-in users each poll
 * GET /api/notifications/unread-count every BENCH_INTERVAL_SECONDS (30, as the web UI does) with the last
 * ETag, for BENCH_SECONDS (90); meanwhile a new notification reaches BENCH_CHANGED_PER_MINUTE (20) users a
 * minute, so some polls answer 200 and most 304. Then the same users poll back to back, as fast as the
 * API answers, for BENCH_BURST_SECONDS (15): the capacity, and how far the real load is from it.
 *
 * Prints requests/s, p50 and p95, the share of 304 answers and the CPU the API process and PostgreSQL
 * used. Real parts: PostgreSQL (a fresh database, dropped afterwards) and the API over HTTP; the bell
 * never calls Temporal, so no Temporal server runs.
 *
 *   npm run bench:notification-polling        BENCH_USERS=20 BENCH_SECONDS=30 npm run bench:notification-polling
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { migrateDatabase, queryAt } from '../scripts/lib/database';
import { dropDatabase, provideDatabase, providePostgres } from '../scripts/lib/postgres';
import { startApi } from './lib/api';
import { log, percentile, pool, recordResult, round, runBench, signIn } from './lib/harness';

const USERS = Number(process.env.BENCH_USERS ?? 200);
const INTERVAL_SECONDS = Number(process.env.BENCH_INTERVAL_SECONDS ?? 30);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 90);
const CHANGED_PER_MINUTE = Number(process.env.BENCH_CHANGED_PER_MINUTE ?? 20);
const BURST_SECONDS = Number(process.env.BENCH_BURST_SECONDS ?? 15);

interface Poller {
  token: string;
  userId: string;
  etag: string | null;
}

interface Phase {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  /** 304s among the polls that sent an ETag (a user's first poll, at page load, has none to send). */
  notModifiedShare: number;
  firstPolls: number;
  errors: number;
  cpu: { apiProcessShare: number; postgresShare: number };
}

/** CPU seconds of PostgreSQL's processes so far, from /proc (backends that exit meanwhile are missed). */
function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone meanwhile.
    }
  }
  return ticks / 100;
}

/** Times polls while `drive` runs them; returns the figures of the phase. */
async function measure(drive: (poll: (p: Poller) => Promise<void>) => Promise<void>): Promise<Phase> {
  const samples: number[] = [];
  let notModified = 0;
  let firstPolls = 0;
  let errors = 0;
  const started = performance.now();
  const pg0 = postgresCpuSeconds();
  const node0 = process.cpuUsage();
  await drive(async (p) => {
    if (!p.etag) firstPolls++;
    const t0 = performance.now();
    const res = await fetch(`${base}/api/notifications/unread-count`, {
      headers: { authorization: `Bearer ${p.token}`, ...(p.etag ? { 'if-none-match': p.etag } : {}) },
    });
    await res.arrayBuffer();
    samples.push(performance.now() - t0);
    if (res.status === 304) notModified++;
    else if (res.status === 200) p.etag = res.headers.get('etag');
    else errors++;
  });
  const wall = (performance.now() - started) / 1000;
  const node = process.cpuUsage(node0);
  const capacity = wall * os.cpus().length;
  samples.sort((a, b) => a - b);
  return {
    requests: samples.length,
    requestsPerSecond: round(samples.length / wall, 1),
    p50Ms: round(percentile(samples, 0.5), 2),
    p95Ms: round(percentile(samples, 0.95), 2),
    notModifiedShare: round(notModified / Math.max(1, samples.length - firstPolls), 3),
    firstPolls,
    errors,
    cpu: {
      apiProcessShare: round((node.user + node.system) / 1e6 / capacity, 3),
      // A backend that exits meanwhile takes its seconds with it: never below zero.
      postgresShare: round(Math.max(0, postgresCpuSeconds() - pg0) / capacity, 3),
    },
  };
}

let base = '';

async function main(): Promise<void> {
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const postgres = await providePostgres(log);
    cleanups.unshift(() => postgres.stop());
    const database = `ngk_bench_polling_${Date.now().toString(36)}`;
    const urls = await provideDatabase(postgres, database);
    const databaseUrl = urls.owner;
    cleanups.unshift(() => dropDatabase(postgres.adminUrl, database));
    await migrateDatabase(urls, { seed: true, demo: true });
    Object.assign(process.env, {
      DATABASE_URL: urls.app,
      // Required by the configuration, never dialled: the bell does not reach Temporal.
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      LOG_LEVEL: 'warn',
      JWT_SECRET: randomBytes(32).toString('hex'),
    });
    const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
      queryAt<T>(databaseUrl, text, params);

    // The users: cadres with the demo password (its hash copied), each with one unread notification.
    await sql(
      `INSERT INTO users (username, display_name, role, password_hash)
       SELECT 'bench.cadre' || i, 'Cán bộ ' || i, 'cadre', (SELECT password_hash FROM users WHERE username = 'cadre.hoaloi')
         FROM generate_series(1, $1) AS i`,
      [USERS],
    );
    // Reports to notify of: one per quarter since 2001, so every change is a notification of its own.
    const reports = await sql<{ id: string }>(
      `INSERT INTO quarterly_reports (year, quarter, generated_at, content)
       SELECT y, q, now(), '{}' FROM generate_series(2001, 2025) AS y, generate_series(1, 4) AS q RETURNING id`,
    );
    const report = reports[0];
    await sql(
      `INSERT INTO notifications (user_id, report_id, kind, title, body, email_status)
       SELECT id, $1, 'quarterly-report', 'Báo cáo quý 1/2026 đã sẵn sàng', '-', 'skipped'
         FROM users WHERE username LIKE 'bench.cadre%'`,
      [report.id],
    );

    const api = await startApi();
    cleanups.unshift(() => api.close());
    const address = api.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
    const pollers: Poller[] = [];
    const ids = await sql<{ id: string; username: string }>(
      `SELECT id, username FROM users WHERE username LIKE 'bench.cadre%' ORDER BY username`,
    );
    // Signing in checks a bcrypt hash: a few at a time.
    await pool(ids.length, 4, async (i) => {
      pollers[i] = { token: await signIn(base, ids[i].username), userId: ids[i].id, etag: null };
    });
    log(`${USERS} users signed in; each polls every ${INTERVAL_SECONDS} s for ${SECONDS} s`);

    // New notifications arrive for a few users a minute, each one event of an item would bring.
    let changes = 0;
    const changer = setInterval(
      () => {
        const who = pollers[Math.floor(Math.random() * pollers.length)];
        changes++;
        void sql(
          `INSERT INTO notifications (user_id, report_id, kind, title, body, email_status)
           VALUES ($1, $2, 'quarterly-report', 'Báo cáo', '-', 'skipped') ON CONFLICT DO NOTHING`,
          [who.userId, reports[1 + (changes % (reports.length - 1))].id],
        );
        // A read elsewhere changes the count too.
        const reader = pollers[Math.floor(Math.random() * pollers.length)];
        void sql(`UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [
          reader.userId,
        ]);
      },
      Math.max(100, 60_000 / CHANGED_PER_MINUTE),
    );

    // Each user starts at a random moment of the interval, as page loads spread over time.
    const steady = await measure(async (poll) => {
      const end = Date.now() + SECONDS * 1000;
      await Promise.all(
        pollers.map(async (p) => {
          await new Promise((r) => setTimeout(r, Math.random() * INTERVAL_SECONDS * 1000));
          while (Date.now() < end) {
            await poll(p);
            await new Promise((r) => setTimeout(r, INTERVAL_SECONDS * 1000));
          }
        }),
      );
    });
    clearInterval(changer);
    log(
      `steady, every ${INTERVAL_SECONDS} s: ${steady.requests} requests, ${steady.requestsPerSecond} req/s, ` +
        `p50 ${steady.p50Ms} ms, p95 ${steady.p95Ms} ms, 304 share ${Math.round(steady.notModifiedShare * 100)} %, ` +
        `CPU API ${Math.round(steady.cpu.apiProcessShare * 100)} % + PostgreSQL ${Math.round(steady.cpu.postgresShare * 100)} % ` +
        `of ${os.cpus().length} cores, ${changes} changes, ${steady.errors} errors`,
    );

    const burst = await measure(async (poll) => {
      const end = Date.now() + BURST_SECONDS * 1000;
      await Promise.all(
        pollers.map(async (p) => {
          while (Date.now() < end) await poll(p);
        }),
      );
    });
    log(
      `back to back (capacity): ${burst.requestsPerSecond} req/s, p50 ${burst.p50Ms} ms, p95 ${burst.p95Ms} ms, ` +
        `304 share ${Math.round(burst.notModifiedShare * 100)} %, CPU API ${Math.round(burst.cpu.apiProcessShare * 100)} % ` +
        `+ PostgreSQL ${Math.round(burst.cpu.postgresShare * 100)} %, ${burst.errors} errors`,
    );
    const headroom = round(burst.requestsPerSecond / (USERS / INTERVAL_SECONDS), 1);
    log(
      `${USERS} users at one poll per ${INTERVAL_SECONDS} s need ${round(USERS / INTERVAL_SECONDS, 1)} req/s: ${headroom}× below capacity`,
    );
    recordResult('notification-polling', {
      users: USERS,
      intervalSeconds: INTERVAL_SECONDS,
      seconds: SECONDS,
      steady,
      burst,
      headroom,
    });
  } finally {
    for (const step of cleanups) await step().catch((err) => log(`cleanup: ${err}`));
  }
}

runBench(main);
