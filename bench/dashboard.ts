/**
 * bench/dashboard: GET /api/dashboard with 10,000 recommendations, then with 1,000,000. Prints p50 and
 * p95 per query shape at each size, and the ratio of the p95s against the goal (at most 3×): the summary
 * table should keep the dashboard's cost nearly independent of how many items there are.
 *
 * Real parts: PostgreSQL (a dedicated database, dropped and made again each run, dropped afterwards
 * unless BENCH_KEEP_DATABASE=1; BENCH_DATABASE names it), the migrations and reference data, and the API over HTTP. The API reaches
 * Temporal lazily and the dashboard never calls it, so no Temporal server runs.
 *
 * Items are loaded the way the application's writes would reach the table: COPY in batches of
 * BENCH_COPY_BATCH rows (50,000), one transaction each, with every trigger and index in place, so the
 * summaries are kept by the real triggers and folds, never rebuilt. The bench counts the triggers and
 * indexes on the item and summary tables before and after each load and fails when any is missing or
 * disabled. Then the tables are vacuumed and analysed, as autovacuum would: the item table, the
 * summaries, and the pending rows the folds took (deleted rows whose pages every fold and every dashboard
 * request would otherwise scan; the run records the server's `autovacuum` setting, off on a CI machine).
 * The province gets its ~110 communes first.
 *
 * Each shape gets BENCH_WARMUP requests (20) to warm up, then BENCH_REQUESTS (200) timed one after another,
 * or as many as fit in BENCH_SHAPE_SECONDS (60) when the dashboard is slow, so a run stays within minutes.
 *
 *   npm run bench:dashboard        BENCH_SIZES=10000,100000 BENCH_REQUESTS=100 npm run bench:dashboard
 */
import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { SingleBar } from 'cli-progress';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DEMO_PASSWORD } from '@ngk/persistence';
import {
  type Filter,
  filterWhere,
  isDistrictOnly,
  segmentsWhere,
} from '../apps/api/src/dashboard/dashboard.repository';
import { migrateDatabase } from '../scripts/lib/database';
import { startApi } from './lib/api';
import { log, percentile, recordResult, round, runBench } from './lib/harness';
import { dropDatabase, provideDatabase, providePostgres } from '../scripts/lib/postgres';
import {
  addProvinceUnits,
  COPY_COLUMNS,
  type Province,
  random,
  readProvince,
  recommendationRows,
} from './lib/recommendation-rows';

const SIZES = (process.env.BENCH_SIZES ?? '10000,1000000').split(',').map(Number);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const SHAPE_SECONDS = Number(process.env.BENCH_SHAPE_SECONDS ?? 60);
/** Fewest timed requests a shape gets, whatever the time limit. */
const MIN_REQUESTS = 50;
const KEEP_DATABASE = process.env.BENCH_KEEP_DATABASE === '1';
const COPY_BATCH = Number(process.env.BENCH_COPY_BATCH ?? 50_000);
const DATABASE = process.env.BENCH_DATABASE ?? 'ngk_bench_dashboard';
const GOAL_RATIO = 3;
const SEED = 20260101;

interface Shape {
  name: string;
  query: Record<string, string>;
}

interface Timing {
  p50: number;
  p95: number;
  /** Requests timed. */
  requests: number;
  /** Summary rows the main query reads. */
  statsRows: number;
}

/** What is in place on the item and summary tables: loads must leave it as they found it. */
interface Guards {
  /** Enabled user triggers on those tables (disabled ones are counted apart). */
  triggers: number;
  disabledTriggers: number;
  /** Valid indexes on those tables and their partitions. */
  indexes: number;
}

interface SizeResult {
  items: number;
  load: { rows: number; seconds: number; rowsPerSecond: number; batches: number };
  /** Triggers and indexes before and after the load. */
  guards: { before: Guards; after: Guards };
  vacuumAnalyzeSeconds: number;
  /** Pages of the pending rows' table before that vacuum: the folds' deleted rows, scanned by every fold. */
  pendingPagesBeforeVacuum: number;
  summaryRows: Record<string, number>;
  shapes: Record<string, Timing>;
  /** The machine's 1-minute load average as the requests ended: other work on it skews the figures. */
  loadAverage: number;
}

async function main(): Promise<void> {
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const postgres = await providePostgres(log);
    cleanups.push(() => postgres.stop());
    await dropDatabase(postgres.adminUrl, DATABASE);
    const urls = await provideDatabase(postgres, DATABASE);
    // VACUUM is the owner's work, never the apps'.
    const databaseUrl = urls.owner;
    if (!KEEP_DATABASE) cleanups.unshift(() => dropDatabase(postgres.adminUrl, DATABASE));
    await migrateDatabase(urls, { seed: true, demo: true });

    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    cleanups.unshift(() => db.end());
    const communes = await addProvinceUnits(db);
    const province = await readProvince(db);
    const district = (await db.query<{ id: string }>(`SELECT id FROM units WHERE code = 'giong-trom'`))
      .rows[0].id;
    const pgVersion = (await db.query<{ server_version: string }>(`SHOW server_version`)).rows[0]
      .server_version;
    const autovacuum = (await db.query<{ autovacuum: string }>(`SHOW autovacuum`)).rows[0].autovacuum;
    log(
      `database ${DATABASE} on PostgreSQL ${pgVersion} (autovacuum ${autovacuum}): ${communes} communes, ` +
        `${province.leads.size} lead units`,
    );

    const shapes: Shape[] = [
      { name: 'all time', query: {} },
      { name: 'quarter', query: { from: '2026-07-01', to: '2026-09-30' } },
      { name: 'ragged + district', query: { from: '2025-02-15', to: '2026-03-10', districtId: district } },
    ];

    Object.assign(process.env, {
      DATABASE_URL: urls.app,
      // Reached lazily; the dashboard never calls Temporal.
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      LOG_LEVEL: 'silent',
      PORT: '0',
      JWT_SECRET: randomBytes(32).toString('hex'),
      // A bench signs in once and runs longer than a browser's 15-minute token.
      JWT_TTL_SECONDS: String(8 * 3600),
    });
    const rand = random(SEED);
    const results: SizeResult[] = [];
    let api: INestApplication | undefined;
    let loaded = 0;
    for (const size of SIZES) {
      const before = await guards(db);
      const load = await bulkLoad(databaseUrl, province, rand, size - loaded);
      loaded = size;
      const after = await guards(db);
      log(
        `loaded ${load.rows.toLocaleString('en')} rows in ${load.seconds.toFixed(1)} s ` +
          `(${load.rowsPerSecond.toLocaleString('en')} rows/s, triggers on), ${loaded.toLocaleString('en')} in all`,
      );
      log(`before the load: ${describeGuards(before)}; after: ${describeGuards(after)}`);
      if (
        before.triggers === 0 ||
        after.triggers !== before.triggers ||
        after.indexes !== before.indexes ||
        before.disabledTriggers + after.disabledTriggers > 0
      ) {
        throw new Error('a trigger or index of the item or summary tables was dropped or disabled');
      }
      // The pending rows' table too: every fold deletes what it took, and each fold and each dashboard
      // request scans its pages from the first, dead ones included, until they are vacuumed.
      const pendingPages = await relationPages(db, 'recommendation_stats_pending');
      const started = performance.now();
      await db.query(`VACUUM (ANALYZE) recommendations, ${VACUUMED_TABLES.join(', ')}`);
      const vacuumAnalyzeSeconds = round((performance.now() - started) / 1000, 2);
      const summaryRows = Object.fromEntries(
        (
          await db.query<{ grain: string; n: number }>(
            `SELECT grain, count(*)::int AS n FROM recommendation_stats GROUP BY grain ORDER BY min(period_start)`,
          )
        ).rows.map((r) => [r.grain, r.n]),
      );
      log(
        `summary kept by the triggers (${Object.entries(summaryRows)
          .map(([g, n]) => `${n.toLocaleString('en')} ${g}`)
          .join(', ')} rows); vacuum + analyze ${vacuumAnalyzeSeconds.toFixed(1)} s; ` +
          `the folded pending rows held ${pendingPages.toLocaleString('en')} pages, ` +
          `${(await relationPages(db, 'recommendation_stats_pending')).toLocaleString('en')} after`,
      );

      if (!api) api = await startApi();
      const base = await api.getUrl();
      const token = await signIn(base);
      const timings: Record<string, Timing> = {};
      for (const shape of shapes) {
        const url = `${base}/api/dashboard?${new URLSearchParams(shape.query)}`;
        const body = (await get(url, token)) as { totals: { total: number } };
        if (shape.name === 'all time' && body.totals.total !== loaded) {
          throw new Error(`the dashboard counts ${body.totals.total} items, not ${loaded}`);
        }
        for (let i = 0; i < WARMUP; i++) await get(url, token);
        const ms: number[] = [];
        const deadline = performance.now() + SHAPE_SECONDS * 1000;
        for (let i = 0; i < REQUESTS && (i < MIN_REQUESTS || performance.now() < deadline); i++) {
          const t0 = performance.now();
          await get(url, token);
          ms.push(performance.now() - t0);
        }
        ms.sort((a, b) => a - b);
        timings[shape.name] = {
          p50: round(percentile(ms, 0.5)),
          p95: round(percentile(ms, 0.95)),
          requests: ms.length,
          statsRows: await statsRowsRead(db, shape.query),
        };
        log(
          `${loaded.toLocaleString('en')} items, ${shape.name}: p50 ${timings[shape.name].p50} ms, ` +
            `p95 ${timings[shape.name].p95} ms over ${ms.length} requests ` +
            `(${timings[shape.name].statsRows.toLocaleString('en')} summary rows)`,
        );
      }
      results.push({
        items: loaded,
        load,
        guards: { before, after },
        vacuumAnalyzeSeconds,
        pendingPagesBeforeVacuum: pendingPages,
        summaryRows,
        shapes: timings,
        loadAverage: round(os.loadavg()[0]),
      });
    }
    await api?.close();
    api = undefined;

    report(results, shapes, pgVersion, autovacuum);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((err) => log(`cleanup: ${err}`));
  }
}

/**
 * COPY `count` more recommendations, BENCH_COPY_BATCH rows a statement and a transaction, with every
 * trigger on: the summaries' triggers note each row as the application's writes would, and a fold after
 * each batch counts them.
 */
async function bulkLoad(
  url: string,
  province: Province,
  rand: () => number,
  count: number,
): Promise<SizeResult['load']> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const role = (
      await client.query<{ r: string }>(`SELECT current_setting('session_replication_role') AS r`)
    ).rows[0].r;
    if (role !== 'origin') throw new Error(`session_replication_role is ${role}: triggers would not fire`);
    const bar = new SingleBar({
      format: `loading ${count.toLocaleString('en')} [{bar}] {percentage}% {value}/{total} {duration}s`,
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 10_000,
    });
    bar.start(count, 0);
    const started = performance.now();
    let rows = 0;
    let batches = 0;
    for (let done = 0; done < count; done += COPY_BATCH, batches++) {
      const n = Math.min(COPY_BATCH, count - done);
      const copy = client.query(copyFrom(`COPY recommendations (${COPY_COLUMNS.join(', ')}) FROM STDIN`));
      await pipeline(
        Readable.from(recommendationRows(province, rand, n, (batchDone) => bar.update(done + batchDone))),
        copy,
      );
      rows += Number(copy.rowCount);
      // The triggers append each batch's rows to the pending rows; the fold takes them into the summaries,
      // inside the timed load, as the worker would.
      await client.query(`SELECT recommendation_stats_fold(true)`);
    }
    const seconds = (performance.now() - started) / 1000;
    bar.stop();
    return { rows, seconds: round(seconds, 2), rowsPerSecond: Math.round(rows / seconds), batches };
  } finally {
    await client.end();
  }
}

/** The three summaries; with the item table, the tables whose triggers and indexes the loads must keep. */
const STATS_TABLES = ['recommendation_stats', 'recommendation_stats_by', 'recommendation_stats_in_district'];
const GUARDED_TABLES = ['recommendations', ...STATS_TABLES];
/** What autovacuum would vacuum after a load: the summaries and the pending rows the folds deleted. */
const VACUUMED_TABLES = [...STATS_TABLES, 'recommendation_stats_pending'];

/** A table's size in 8 KiB pages, as it stands on disk. */
async function relationPages(db: Client, table: string): Promise<number> {
  const { rows } = await db.query<{ pages: number }>(
    `SELECT (pg_relation_size($1::regclass) / current_setting('block_size')::int)::int AS pages`,
    [table],
  );
  return rows[0].pages;
}

/** Triggers and indexes on the item and summary tables, partitions included. */
async function guards(db: Client): Promise<Guards> {
  const { rows } = await db.query<Guards>(
    `WITH t AS (
       SELECT c.oid FROM pg_class c
        WHERE c.relname = ANY($1)
           OR c.oid IN (SELECT inhrelid FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
                         WHERE p.relname = ANY($1)))
     SELECT (SELECT count(*)::int FROM pg_trigger g
              WHERE g.tgrelid IN (SELECT oid FROM t) AND NOT g.tgisinternal AND g.tgenabled <> 'D') AS triggers,
            (SELECT count(*)::int FROM pg_trigger g
              WHERE g.tgrelid IN (SELECT oid FROM t) AND g.tgenabled = 'D') AS "disabledTriggers",
            (SELECT count(*)::int FROM pg_index x
              WHERE x.indrelid IN (SELECT oid FROM t) AND x.indisvalid AND x.indisready) AS indexes`,
    [GUARDED_TABLES],
  );
  return rows[0];
}

const describeGuards = (g: Guards) =>
  `${g.triggers} triggers on (${g.disabledTriggers} disabled), ${g.indexes} indexes`;

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'viewer.leadership', password: DEMO_PASSWORD }),
  });
  const body = (await res.json()) as { accessToken?: string };
  if (!res.ok || !body.accessToken) {
    throw new Error(`sign-in answered ${res.status}: ${JSON.stringify(body)}`);
  }
  return body.accessToken;
}

/** One request, body read in full. */
async function get(url: string, token: string): Promise<unknown> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

/**
 * How many summary rows the dashboard's main query reads for a shape: the per-dimension summary when
 * unfiltered, the per-district one when filtered by a district alone, the per-combination one otherwise.
 */
async function statsRowsRead(db: Client, query: Record<string, string>): Promise<number> {
  // The service's own conditions, so the count is of the rows its query reads.
  const params: unknown[] = [];
  const period = segmentsWhere(query.from ?? null, query.to ?? null, params);
  const filter: Filter = { unitId: query.unitId, category: query.category, communeId: query.communeId };
  let table = 'recommendation_stats_by';
  let where = '';
  if (query.districtId && isDistrictOnly({ ...filter, districtId: query.districtId })) {
    table = 'recommendation_stats_in_district';
    params.push(query.districtId);
    where = ` AND s.district_unit_id = $${params.length}`;
  } else if (query.districtId || filter.unitId || filter.category || filter.communeId) {
    table = 'recommendation_stats';
    where = filterWhere({ ...filter, districtId: query.districtId }, params);
  }
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} s WHERE (${period}) AND s.total <> 0${where}`,
    params,
  );
  return rows[0].n;
}

function report(results: SizeResult[], shapes: Shape[], pgVersion: string, autovacuum: string): void {
  const first = results[0];
  const last = results[results.length - 1];
  const ratios = Object.fromEntries(
    shapes.map((s) => [s.name, Math.round((last.shapes[s.name].p95 / first.shapes[s.name].p95) * 100) / 100]),
  );
  const n = (v: number) => v.toLocaleString('en');
  const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(9);
  const label = (s: string) => s.padEnd(20);
  const lines = [
    '',
    `dashboard: GET /api/dashboard as leadership, sequential requests (up to ${REQUESTS} a shape, or ${SHAPE_SECONDS} s) after ${WARMUP} to warm up`,
    `  the server's autovacuum is ${autovacuum}; the bench vacuums each load's tables, as autovacuum would`,
  ];
  for (const r of results) {
    lines.push(
      `  ${n(r.items)} items   COPY ${n(r.load.rows)} rows in ${r.load.batches} batches, triggers on: ` +
        `${r.load.seconds.toFixed(1)} s (${n(r.load.rowsPerSecond)} rows/s)` +
        `   vacuum+analyze ${r.vacuumAnalyzeSeconds.toFixed(1)} s (${n(r.pendingPagesBeforeVacuum)} pages of folded ` +
        `pending rows)   load average ${r.loadAverage}`,
    );
    lines.push(
      `    no trigger or index dropped: before ${describeGuards(r.guards.before)}; after ${describeGuards(r.guards.after)}`,
    );
    for (const s of shapes) {
      const t = r.shapes[s.name];
      lines.push(
        `    ${label(s.name)} p50 ${ms(t.p50)}   p95 ${ms(t.p95)}   ${String(t.requests).padStart(3)} requests   ${n(t.statsRows)} summary rows`,
      );
    }
  }
  lines.push(`  p95 at ${n(last.items)} / p95 at ${n(first.items)} (goal ≤ ${GOAL_RATIO}×)`);
  for (const s of shapes) {
    const ratio = ratios[s.name];
    const p50 = last.shapes[s.name].p50 / first.shapes[s.name].p50;
    lines.push(
      `    ${label(s.name)} ${ratio.toFixed(2)}×  ${ratio <= GOAL_RATIO ? 'within the goal' : 'over the goal'}` +
        `   (p50 ${p50.toFixed(2)}×)`,
    );
  }
  console.log(lines.join('\n'));

  recordResult(
    'dashboard',
    {
      requests: { max: REQUESTS, min: MIN_REQUESTS, secondsPerShape: SHAPE_SECONDS },
      warmup: WARMUP,
      goalRatio: GOAL_RATIO,
      shapes,
      sizes: results,
      p95Ratios: ratios,
      autovacuum,
    },
    pgVersion,
  );
}

runBench(main);
