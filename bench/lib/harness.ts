import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import vm from 'node:vm';
import { Pool } from 'pg';
import { DEMO_PASSWORD, POOL_IDLE_TIMEOUT_MS } from '@ngk/persistence';
import { DUTY_PROJECTION } from './bare-duties';
import { searchAttributeRegistrations } from '@ngk/temporal';
import { migrateDatabase, queryAt } from '../../scripts/lib/database';
import {
  dropDatabase,
  provideDatabase,
  providePostgres,
  type PostgresServer,
} from '../../scripts/lib/postgres';
import { provideTemporal, temporalMode } from '../../scripts/lib/temporal';
import { startApi } from './api';
import { WITHOUT_VM_WATCHDOG } from './vm-watchdog-mark';

export const log = (line: string): void => console.log(`[bench] ${line}`);

/** Cleanups run in the reverse order they were added, each even when an earlier one fails. */
export class Cleanups {
  private readonly steps: (() => Promise<unknown>)[] = [];
  add(step: () => Promise<unknown>): void {
    this.steps.unshift(step);
  }
  async run(): Promise<void> {
    for (const step of this.steps.splice(0)) await step().catch((err) => log(`cleanup: ${err}`));
  }
}

export interface Servers {
  /** As the owner, for the bench's own queries; the apps use their own role. */
  databaseUrl: string;
  temporalAddress: string;
  /** `dev` (the CLI's dev server) or `server` (the real server on PostgreSQL): NGK_TEMPORAL. */
  temporalKind: 'dev' | 'server';
  /** The Temporal server's processes, for cpuMeter. */
  temporalPids: () => number[];
  /** The Temporal server's Prometheus metrics, for serverLatencies. */
  temporalMetricsUrl: string;
  postgresVersion: string;
}

/**
 * A Temporal server (the dev server in memory, or with NGK_TEMPORAL=server the real one on databases of
 * its own) and a fresh, migrated and seeded database, all gone at cleanup; the
 * environment the API and worker read is pointed at them, with its own task queue and quiet logs.
 * `databaseServer` puts NGK's database on another PostgreSQL server (one the bench may stop) than
 * Temporal's.
 */
export async function provideServers(
  name: string,
  cleanups: Cleanups,
  options: { databaseServer?: Pick<PostgresServer, 'adminUrl' | 'appUrl'> } = {},
): Promise<Servers> {
  // The SDK's own lines (worker state changes) only when something is wrong: the figures stay readable.
  // Its metrics (local activity and workflow task latencies) go to a Prometheus endpoint the benches read.
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${SDK_METRICS_PORT}` } } },
  });
  const postgres = await providePostgres(log);
  cleanups.add(() => postgres.stop());
  const database = `ngk_bench_${name.replace(/\W/g, '_')}_${Date.now().toString(36)}`;
  const temporal = await provideTemporal({
    postgresAdminUrl: postgres.adminUrl,
    name: `${database}_temporal`,
    keepState: false,
    searchAttributes: searchAttributeRegistrations(),
    log,
  });
  cleanups.add(() => temporal.stop());
  const server = options.databaseServer ?? postgres;
  const urls = await provideDatabase(server, database);
  const databaseUrl = urls.owner;
  cleanups.add(() => dropDatabase(server.adminUrl, database));
  await migrateDatabase(urls, { seed: true, demo: true });
  Object.assign(process.env, {
    DATABASE_URL: urls.app,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: `ngk-bench-${name}`,
    LOG_LEVEL: 'warn',
    // A bench drives thousands of items as a handful of users: the per-user and per-item caps, which
    // guard against people, would measure themselves instead of NGK.
    SUBMISSIONS_PER_USER_PER_MINUTE: '10000000',
    ACTIONS_PER_USER_PER_MINUTE: '10000000',
    ACTIONS_PER_ITEM_PER_DAY: '10000',
    PORT: '0',
    JWT_SECRET: randomBytes(32).toString('hex'),
    // A bench signs in once and runs longer than a browser's 15-minute token.
    JWT_TTL_SECONDS: String(8 * 3600),
  });
  const [{ server_version: postgresVersion }] = await queryAt<{ server_version: string }>(
    databaseUrl,
    'SHOW server_version',
  );
  return {
    databaseUrl,
    temporalAddress: temporal.address,
    temporalKind: temporal.kind,
    temporalPids: () => temporal.pids(),
    temporalMetricsUrl: temporal.metricsUrl,
    postgresVersion,
  };
}

/** The NGK worker in this process, configured from the environment. */
export async function startWorker(): Promise<INestApplicationContext> {
  const { WorkerModule } = await import('../../apps/worker/src/worker.module');
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
  await app.init();
  return app;
}

export interface BareTemporal {
  client: TemporalClient;
  taskQueue: string;
  stop(): Promise<void>;
}

/**
 * A worker for the baseline workflows (bench/workflows/bare.ts) with one no-op activity, on its own task
 * queue of the same server, with the worker's default options as NGK's worker has, and as many workflow
 * threads (TEMPORAL_WORKFLOW_THREADS), so both sides run workflow code on as many cores; and a client.
 */
export async function startBareTemporal(
  address: string,
  taskQueue: string,
  databaseUrl?: string,
  /** The workflow cache, when it must match NGK's worker (the SDK sizes it from the heap otherwise). */
  maxCachedWorkflows?: number,
): Promise<BareTemporal> {
  // With a database, `commit` writes one row and commits: a durable write, as small as one can be.
  // Its sessions kept through the other sides' rounds, as NGK's apps keep theirs (POOL_IDLE_TIMEOUT_MS).
  const database = databaseUrl
    ? new Pool({ connectionString: databaseUrl, max: 10, idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS })
    : null;
  await database?.query(`CREATE TABLE IF NOT EXISTS bench_bare_writes (key text, at timestamptz)`);
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: path.join(__dirname, '..', 'workflows', 'bare.ts'),
    ...(maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows }),
    ...(process.env.TEMPORAL_WORKFLOW_THREADS
      ? { workflowThreadPoolSize: Number(process.env.TEMPORAL_WORKFLOW_THREADS) }
      : {}),
    // The same sticky queue timeout as NGK's worker: a backlog past it costs either side a second task.
    ...(process.env.TEMPORAL_STICKY_TIMEOUT_SECONDS
      ? { stickyQueueScheduleToStartTimeout: `${Number(process.env.TEMPORAL_STICKY_TIMEOUT_SECONDS)}s` }
      : {}),
    activities: {
      noop: async () => undefined,
      commit: async (key: string) => {
        if (!database) throw new Error('startBareTemporal was given no database');
        await database.query(`INSERT INTO bench_bare_writes (key, at) VALUES ($1, now())`, [key]);
      },
      project: async (key: string, status: string) => {
        if (!database) throw new Error('startBareTemporal was given no database');
        await database.query(DUTY_PROJECTION, [key, status]);
      },
    },
  });
  const running = worker.run();
  const clientConnection = await Connection.connect({ address });
  let stopped: Promise<void> | undefined;
  return {
    client: new TemporalClient({ connection: clientConnection }),
    taskQueue,
    stop: () =>
      (stopped ??= (async () => {
        worker.shutdown();
        await running;
        await connection.close();
        await clientConnection.close();
        await database?.end();
      })()),
  };
}

/** A demo user's bearer token from the API at `base`. */
export async function signIn(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username} answered ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/**
 * NGK's worker and API (on a free port) in this process, closed at cleanup, and cadre.phule signed in:
 * what a bench needs to submit as a cadre of Phú Lễ.
 */
export async function startNgkForCadre(
  servers: Servers,
  cleanups: Cleanups,
): Promise<{ base: string; token: string; localityUnitId: string }> {
  const worker = await startWorker();
  cleanups.add(() => worker.close());
  const api = await startApi();
  cleanups.add(() => api.close());
  const base = await api.getUrl();
  return {
    base,
    token: await signIn(base, 'cadre.phule'),
    localityUnitId: await unitIdOf(servers.databaseUrl, 'phu-le'),
  };
}

/** The unit id of a seeded unit code. */
export async function unitIdOf(databaseUrl: string, code: string): Promise<string> {
  const rows = await queryAt<{ id: string }>(databaseUrl, 'SELECT id FROM units WHERE code = $1', [code]);
  if (!rows[0]) throw new Error(`no unit ${code}`);
  return rows[0].id;
}

/**
 * A propaganda recommendation from cadre.phule's commune: routed at once to the Propaganda Board, whose
 * officer (officer.propaganda) may acknowledge it.
 */
export function propagandaSubmission(i: number, localityUnitId: string): Record<string, unknown> {
  return {
    title: `Tài liệu tuyên truyền số ${i + 1}`,
    situation: 'Người dân chưa nắm chính sách mới.',
    proposal: 'Biên soạn sổ tay hỏi đáp.',
    categoryCode: 'propaganda',
    localityUnitId,
    urgency: 'normal',
  };
}

/** POSTs JSON with a bearer token; throws unless the answer has the expected status. */
export async function postJson<T>(
  url: string,
  token: string,
  body: unknown,
  expected: number,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== expected) throw new Error(`POST ${url} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/** Where the workers of a bench process publish the SDK's metrics. */
const SDK_METRICS_PORT = Number(process.env.BENCH_SDK_METRICS_PORT ?? 9469);

/** Latency histograms' running totals (ms) and counts, from the SDK's or the Temporal server's metrics. */
export type SdkLatencies = Map<string, { sumMs: number; count: number }>;

/**
 * The latency histograms a Prometheus endpoint shows now, those whose name `name` matches (its one
 * capturing group is the name kept), each keyed by `key(name, labels)`, sums scaled to ms by `msPerUnit`.
 */
async function histograms(
  url: string,
  name: string,
  key: (name: string, labels: string) => string,
  msPerUnit: number,
): Promise<SdkLatencies> {
  const text = await (await fetch(url)).text();
  const line = new RegExp(`^${name}_(sum|count)\\{([^}]*)\\} ([\\d.e+-]+)$`);
  const out: SdkLatencies = new Map();
  for (const row of text.split('\n')) {
    const match = line.exec(row);
    if (!match) continue;
    const [, metric, part, labels, value] = match;
    const about = key(metric, labels);
    const entry = out.get(about) ?? { sumMs: 0, count: 0 };
    if (part === 'sum') entry.sumMs += Number(value) * msPerUnit;
    else entry.count += Number(value);
    out.set(about, entry);
  }
  return out;
}

/**
 * The SDK's latency histograms now, by metric and by what they are about: `name{task_queue:workflow_type}`
 * for workflow tasks, `name{activity_type}` for activities. Two readings subtracted give a stretch's means.
 */
export function sdkLatencies(): Promise<SdkLatencies> {
  return histograms(
    `http://127.0.0.1:${SDK_METRICS_PORT}/metrics`,
    'temporal_(\\w+_latency)',
    (name, labels) => {
      const label = (key: string) => new RegExp(`${key}="([^"]+)"`).exec(labels)?.[1];
      const type = label('workflow_type');
      return `${name}{${label('activity_type') ?? `${label('task_queue') ?? ''}${type ? `:${type}` : ''}`}}`;
    },
    1,
  );
}

/**
 * The Temporal server's own latency histograms, in ms, by service and operation: its database calls
 * (`persistence_latency`), and how long its history tasks (a timer firing, a workflow task to schedule)
 * waited in their queue and then took (`task_latency_queue`, `task_latency_processing`). The server's
 * histograms are in seconds.
 */
export function serverLatencies(metricsUrl: string): Promise<SdkLatencies> {
  return histograms(
    metricsUrl,
    '(persistence_latency|task_latency_queue|task_latency_processing)',
    (name, labels) =>
      `${name}{${/service_name="([^"]+)"/.exec(labels)?.[1] ?? ''}:${/operation="([^"]+)"/.exec(labels)?.[1] ?? ''}}`,
    1000,
  );
}

/** Mean latency per histogram between two readings, for those that counted anything in between. */
export function latencyMeans(
  before: SdkLatencies,
  after: SdkLatencies,
): Record<string, { meanMs: number; count: number }> {
  const out: Record<string, { meanMs: number; count: number }> = {};
  for (const [key, end] of after) {
    const start = before.get(key) ?? { sumMs: 0, count: 0 };
    const count = end.count - start.count;
    if (count > 0) out[key] = { meanMs: round((end.sumMs - start.sumMs) / count, 2), count };
  }
  return out;
}

/** The breakdown as printed lines: the API's stages, then the SDK's latencies, under their headings. */
export function describeBreakdown(
  stages: ReturnType<StageBreakdown['summary']>,
  sdk: ReturnType<typeof latencyMeans>,
  headings: { stages: string; sdk: string },
): string {
  const ms = (v: number) => String(v).padStart(8);
  return [
    describeStages(stages, headings.stages),
    `  ${headings.sdk}`,
    ...Object.entries(sdk).map(
      ([name, v]) => `    ${name.padEnd(58)} mean ${ms(v.meanMs)} ms   × ${v.count}`,
    ),
  ].join('\n');
}

/** A StageBreakdown's summary under its heading, a line per stage. */
export function describeStages(stages: ReturnType<StageBreakdown['summary']>, heading: string): string {
  const ms = (v: number) => String(v).padStart(8);
  return [
    `  ${heading}`,
    ...Object.entries(stages).map(
      ([stage, v]) => `    ${stage.padEnd(12)} p50 ${ms(v.p50Ms)} ms   mean ${ms(v.meanMs)} ms`,
    ),
  ].join('\n');
}

/** The stages of a `Server-Timing` header, in milliseconds by name. */
export function parseServerTiming(header: string | null): Record<string, number> {
  const stages: Record<string, number> = {};
  for (const entry of (header ?? '').split(',')) {
    const [name, ...params] = entry.trim().split(';');
    const dur = params.find((p) => p.trim().startsWith('dur='));
    if (name && dur) stages[name] = Number(dur.trim().slice(4));
  }
  return stages;
}

/**
 * Whether the benches' NGK requests carry an Idempotency-Key, as the web UI's all do (BENCH_IDEMPOTENCY=off
 * sends none): with one, the API records the request and keeps its answer for a retry.
 */
export const idempotency = {
  on: process.env.BENCH_IDEMPOTENCY !== 'off',
  /** The headers of one request: a fresh key each time, or none. */
  headers(): Record<string, string> {
    return this.on ? { 'Idempotency-Key': randomUUID() } : {};
  },
  /** How NGK's requests were sent, for a bench's printout. */
  described(): string {
    return this.on
      ? 'each with an Idempotency-Key, as the web UI sends them'
      : 'without an Idempotency-Key (BENCH_IDEMPOTENCY=off)';
  },
};

/**
 * Whether the SDK's entries into workflow code keep their vm `timeout`, and with it a watchdog thread
 * Node starts and joins for each (BENCH_VM_WATCHDOG=off takes it away on every side, as a diagnosis:
 * see bench/lib/without-vm-watchdog.ts, which scripts/bench.sh preloads for it).
 */
export const vmWatchdog = {
  on: process.env.BENCH_VM_WATCHDOG !== 'off',
  /** True once the preload has taken the timeouts away in this process. */
  removed(): boolean {
    return (globalThis as Record<symbol, unknown>)[WITHOUT_VM_WATCHDOG] === true;
  },
};

/**
 * What one entry into a vm context costs on this machine, in microseconds, with the SDK's 5 s timeout
 * (Node starts a watchdog thread for it) and without; null when the preload has taken timeouts away.
 */
function vmCallMicros(): { withTimeout: number; without: number } | null {
  if (vmWatchdog.removed()) return null;
  const context = vm.createContext({ n: 0 });
  const script = new vm.Script('n++');
  const calls = 1000;
  const perCall = (options: vm.RunningScriptOptions) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) script.runInContext(context, options);
    return round(Number(process.hrtime.bigint() - start) / calls / 1000, 1);
  };
  return { withTimeout: perCall({ timeout: 5000 }), without: perCall({}) };
}

/** As postJson, also giving the API's Server-Timing stages of the answer. */
export async function postJsonTimed<T>(
  url: string,
  token: string,
  body: unknown,
  expected: number,
  headers: Record<string, string> = {},
): Promise<{ body: T; stages: Record<string, number> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== expected) throw new Error(`POST ${url} answered ${res.status}: ${text.slice(0, 500)}`);
  return { body: JSON.parse(text) as T, stages: parseServerTiming(res.headers.get('server-timing')) };
}

/**
 * Where each request's time went: the API's stages (Server-Timing), and what is left of the time the
 * client measured (`http`: the connection, parsing and the framework outside the stages).
 */
export class StageBreakdown {
  private readonly samples = new Map<string, number[]>();

  add(clientMs: number, stages: Record<string, number>): void {
    const named = Object.entries(stages).filter(([name]) => name !== 'total');
    const inStages = named.reduce((sum, [, ms]) => sum + ms, 0);
    const total = stages.total ?? inStages;
    for (const [name, ms] of named) this.push(name, ms);
    this.push('framework', Math.max(0, total - inStages));
    this.push('http', Math.max(0, clientMs - total));
  }

  private push(name: string, ms: number): void {
    const samples = this.samples.get(name);
    if (samples) samples.push(ms);
    else this.samples.set(name, [ms]);
  }

  /** Per stage: its mean and p50 over the requests that had it, in milliseconds. */
  summary(skip = 0): Record<string, { meanMs: number; p50Ms: number }> {
    const out: Record<string, { meanMs: number; p50Ms: number }> = {};
    for (const [name, all] of this.samples) {
      const values = all.slice(skip).sort((a, b) => a - b);
      if (values.length === 0) continue;
      out[name] = {
        meanMs: round(values.reduce((a, b) => a + b, 0) / values.length, 2),
        p50Ms: round(percentile(values, 0.5), 2),
      };
    }
    return out;
  }
}

/** Runs `run(i)` for i in [0, count) with at most `concurrency` in flight. */
export async function pool(
  count: number,
  concurrency: number,
  run: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await run(next++);
    }),
  );
}

/** Nearest-rank percentile of values sorted ascending. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export { queryAt as query };

export const round = (v: number, digits = 1): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** The machine a run was measured on. */
export function machine(postgresVersion?: string): Record<string, unknown> {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    totalMemoryBytes: os.totalmem(),
    node: process.version,
    ...(postgresVersion ? { postgres: postgresVersion } : {}),
    loadAverage1m: round(os.loadavg()[0], 2),
    vmCallMicros: vmCallMicros(),
  };
}

/**
 * The commit measured, marked when the working tree had changes beyond it. The recorded results are not
 * the code measured: runs one after another, before their results are committed, measure the same commit.
 * Nor is prose: a Markdown file edited while a bench runs changes no figure.
 */
export function commit(): string {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' }).trim();
  try {
    const head = git('rev-parse', '--short=12', 'HEAD');
    const changed = git(
      'status',
      '--porcelain',
      '--untracked-files=no',
      '--',
      '.',
      ':(exclude)bench/results',
      ':(exclude,glob)**/*.md',
    );
    return changed ? `${head}+changes` : head;
  } catch {
    return 'unknown';
  }
}

/**
 * Records a run in bench/results/: `<name>.json` holds the latest, `<name>.runs.jsonl` one line per run.
 * Each carries the date, the commit and the machine beside the figures.
 */
export function recordResult(name: string, figures: Record<string, unknown>, postgresVersion?: string): void {
  const dir = path.join(__dirname, '..', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const temporal = temporalMode();
  // A diagnosis is kept apart from the runs the goals are judged on.
  const bench = vmWatchdog.on ? name : `${name}-without-vm-watchdog`;
  const result = {
    bench,
    date: new Date().toISOString(),
    commit: commit(),
    temporal,
    machine: machine(postgresVersion),
    ...(vmWatchdog.on ? {} : { vmWatchdog: 'off (a diagnosis)' }),
    ...figures,
  };
  // The latest run on each Temporal topology, side by side: the dev server's and the real server's.
  const file = path.join(dir, `${bench}.json`);
  const previous = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)
    : {};
  const byTemporal = (previous.byTemporal as Record<string, unknown> | undefined) ?? { dev: previous };
  const latest = { bench, byTemporal: { ...byTemporal, [temporal]: result } };
  fs.writeFileSync(file, JSON.stringify(latest, null, 2) + '\n');
  fs.appendFileSync(path.join(dir, `${bench}.runs.jsonl`), JSON.stringify(result) + '\n');
  log(`recorded in bench/results/${bench}.json`);
}

/** Runs a benchmark's main and exits: 0 when it finished, 1 with the error when it did not. */
export function runBench(main: () => Promise<void>): void {
  if (!vmWatchdog.on) {
    if (!vmWatchdog.removed()) {
      console.error(
        '[bench] BENCH_VM_WATCHDOG=off needs the preload that npm run bench adds: run it through npm',
      );
      process.exit(1);
    }
    log(
      "a diagnosis: the SDK's vm calls run without their timeout, so Node starts no watchdog thread for each",
    );
  }
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(`[bench] failed: ${err instanceof Error ? err.stack : err}`);
      process.exit(1);
    },
  );
}

/** CPU seconds that processes have used so far, from /proc (user + system, in clock ticks of 1/100 s). */
function cpuSecondsOf(pids: number[]): Map<number, number> {
  const seconds = new Map<number, number>();
  for (const pid of pids) seconds.set(pid, statCpuSeconds(`/proc/${pid}/stat`) ?? 0);
  return seconds;
}

/**
 * The CPU seconds these processes used since `before`, each against its own earlier figure: a process
 * that exited meanwhile (a PostgreSQL backend whose pooled connection closed) drops out of both sides
 * rather than taking its whole life's time off the total.
 */
function cpuSecondsSince(before: Map<number, number>, pids: number[]): number {
  let seconds = 0;
  for (const [pid, now] of cpuSecondsOf(pids)) seconds += Math.max(0, now - (before.get(pid) ?? 0));
  return seconds;
}

/** Each thread of this process that is alive now, by thread id: its name and CPU seconds so far. */
function threadCpuSeconds(): Map<string, { name: string; seconds: number }> {
  const threads = new Map<string, { name: string; seconds: number }>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      const name = fs.readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim();
      const seconds = statCpuSeconds(`/proc/self/task/${tid}/stat`);
      if (seconds !== undefined) threads.set(tid, { name, seconds });
    } catch {
      // Exited meanwhile: its time is not counted.
    }
  }
  return threads;
}

/** utime + stime of a /proc stat file in seconds (clock ticks of 1/100 s); undefined when it is gone. */
function statCpuSeconds(file: string): number | undefined {
  try {
    // Fields after the command name, which may hold spaces: utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(file, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

function postgresPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .map(Number);
}

export interface CpuShare {
  wallSeconds: number;
  /** CPU seconds over the interval, and their share of the machine's capacity (cores × wall). */
  temporal: { seconds: number; share: number };
  nodeProcess: { seconds: number; share: number };
  postgres: { seconds: number; share: number };
  /**
   * This process's CPU by thread name (`MainThread` for the API, activities and load; `WorkerThread` for
   * the SDK's workflow threads; `workflow-proces`, the first 15 characters Linux keeps, for the SDK
   * core's workflow-processing thread; `tokio-runtime-w` for its I/O; `V8Worker` for the collector):
   * seconds, and how much of one core the busiest thread of that name used, since one thread can never
   * use more than one core however idle the others are.
   */
  nodeThreads: Record<string, { seconds: number; busiestCore: number }>;
}

/**
 * Where the CPU went between start and stop: the Temporal server's processes, this Node process (the
 * API, the worker and the load it drives) and PostgreSQL's (backends that exit meanwhile are missed).
 */
export function cpuMeter(servers: Servers): { stop(): CpuShare } {
  const started = performance.now();
  const temporal0 = cpuSecondsOf(servers.temporalPids());
  const postgres0 = cpuSecondsOf(postgresPids());
  const node0 = process.cpuUsage();
  const threads0 = threadCpuSeconds();
  return {
    stop() {
      const wallSeconds = (performance.now() - started) / 1000;
      const capacity = wallSeconds * os.cpus().length;
      const node = process.cpuUsage(node0);
      const part = (seconds: number) => ({ seconds: round(seconds, 1), share: round(seconds / capacity, 2) });
      const nodeThreads: CpuShare['nodeThreads'] = {};
      for (const [tid, { name, seconds }] of threadCpuSeconds()) {
        const used = seconds - (threads0.get(tid)?.seconds ?? 0);
        const group = (nodeThreads[name] ??= { seconds: 0, busiestCore: 0 });
        group.seconds += used;
        group.busiestCore = Math.max(group.busiestCore, used / wallSeconds);
      }
      for (const group of Object.values(nodeThreads)) {
        group.seconds = round(group.seconds, 1);
        group.busiestCore = round(group.busiestCore, 2);
      }
      return {
        wallSeconds: round(wallSeconds, 1),
        temporal: part(cpuSecondsSince(temporal0, servers.temporalPids())),
        nodeProcess: part((node.user + node.system) / 1e6),
        postgres: part(cpuSecondsSince(postgres0, postgresPids())),
        nodeThreads,
      };
    },
  };
}

/** Several intervals as one: seconds added up, shares of the summed capacity. */
export function sumCpu(parts: CpuShare[]): CpuShare {
  const wallSeconds = parts.reduce((n, p) => n + p.wallSeconds, 0);
  const capacity = wallSeconds * os.cpus().length;
  const total = (key: 'temporal' | 'nodeProcess' | 'postgres') => {
    const seconds = parts.reduce((n, p) => n + p[key].seconds, 0);
    return { seconds: round(seconds, 1), share: round(seconds / capacity, 2) };
  };
  const nodeThreads: CpuShare['nodeThreads'] = {};
  for (const part of parts) {
    for (const [name, { seconds, busiestCore }] of Object.entries(part.nodeThreads)) {
      const group = (nodeThreads[name] ??= { seconds: 0, busiestCore: 0 });
      group.seconds = round(group.seconds + seconds, 1);
      group.busiestCore = Math.max(group.busiestCore, busiestCore);
    }
  }
  return {
    wallSeconds: round(wallSeconds, 1),
    temporal: total('temporal'),
    nodeProcess: total('nodeProcess'),
    postgres: total('postgres'),
    nodeThreads,
  };
}

export function describeCpu(cpu: CpuShare): string {
  const pct = (share: number) => `${Math.round(share * 100)} %`;
  return (
    `CPU over ${cpu.wallSeconds} s (share of all cores): Temporal server ${pct(cpu.temporal.share)}, ` +
    `API + worker + load ${pct(cpu.nodeProcess.share)}, PostgreSQL ${pct(cpu.postgres.share)}`
  );
}

/** The CPU one item cost, in ms: all of it, then the Temporal server, this process and PostgreSQL. */
export function describeCpuPerItem(cpu: CpuShare, items: number): string {
  const each = (seconds: number) => ((seconds * 1000) / items).toFixed(1);
  const all = cpu.temporal.seconds + cpu.nodeProcess.seconds + cpu.postgres.seconds;
  return `${each(all)}: Temporal server ${each(cpu.temporal.seconds)}, API + worker + load ${each(cpu.nodeProcess.seconds)}, PostgreSQL ${each(cpu.postgres.seconds)}`;
}

/** This process's threads that used at least 0.1 s, busiest first: seconds, and the busiest one's core. */
export function describeThreads(cpu: CpuShare): string {
  return Object.entries(cpu.nodeThreads)
    .filter(([, group]) => group.seconds >= 0.1)
    .sort(([, a], [, b]) => b.seconds - a.seconds)
    .map(([name, group]) => `${name} ${group.seconds} s (busiest ${group.busiestCore} core)`)
    .join(', ');
}
