/**
 * bench/worker-memory: N open recommendations (default 10,000) submitted over HTTP; the worker's resident
 * memory (RSS) once they have settled, against the goal of at most 1 GiB.
 *
 * Real parts: a Temporal dev server (in memory), PostgreSQL (a fresh database, dropped afterwards), the
 * API in this process and the worker as it ships: `npm run build`, then `node dist/apps/worker/src/
 * main.js` with the pre-built workflow bundle, in its own process so its RSS is its own. The worker keeps
 * as many items in memory as TEMPORAL_MAX_CACHED_WORKFLOWS says (1,000 unless set); the rest are
 * replayed from history when an action or timer reaches them.
 *
 * RSS is read from /proc every second: at idle before the first submission, at its peak, and settled,
 * which is when it has moved less than 2 % over BENCH_SETTLE_SECONDS (30) after the last submission. Every
 * item is then still open, waiting on its acknowledgement and resolution timers, as they would in a
 * province that stops acting for a while.
 *
 *   npm run bench:worker-memory        BENCH_ITEMS=2000 npm run bench:worker-memory
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateEnvironment } from '@ngk/config';
import { spawnWorkerProcess } from '../scripts/lib/worker-process';
import { startApi } from './lib/api';
import {
  Cleanups,
  log,
  pool,
  postJson,
  propagandaSubmission,
  provideServers,
  query,
  recordResult,
  round,
  runBench,
  signIn,
  unitIdOf,
  vmWatchdog,
} from './lib/harness';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 30);
const GOAL_BYTES = 1024 ** 3;
const ROOT = path.resolve(__dirname, '..');
const MIB = 1024 ** 2;

/** Resident set size of a process, in bytes, from /proc. */
function rss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!kib) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib[1]) * 1024;
}

async function main(): Promise<void> {
  // The worker measured here is a process of its own, which the diagnosis's preload does not reach.
  if (!vmWatchdog.on)
    throw new Error('BENCH_VM_WATCHDOG=off does not reach the worker process this bench starts');
  const cleanups = new Cleanups();
  try {
    log('building (npm run build) to run the worker as it ships');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const servers = await provideServers('memory', cleanups);
    const worker = await spawnWorkerProcess(['dist/apps/worker/src/main.js'], {
      ...process.env,
      WORKFLOW_BUNDLE_PATH: path.join(ROOT, 'dist', 'workflow-bundle.js'),
    });
    cleanups.add(async () => {
      worker.kill('SIGTERM');
      await new Promise((resolve) =>
        worker.exitCode === null ? worker.once('exit', resolve) : resolve(null),
      );
    });
    const pid = worker.pid!;
    const cache = validateEnvironment(process.env).TEMPORAL_MAX_CACHED_WORKFLOWS;
    const api = await startApi();
    cleanups.add(() => api.close());
    const base = await api.getUrl();
    const localityUnitId = await unitIdOf(servers.databaseUrl, 'phu-le');
    const token = await signIn(base, 'cadre.phule');

    await new Promise((r) => setTimeout(r, 3000));
    const idle = rss(pid);
    log(`worker idle: ${(idle / MIB).toFixed(0)} MiB`);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rss(pid))), 1000);
    cleanups.add(async () => clearInterval(sampler));

    let done = 0;
    const started = Date.now();
    await pool(ITEMS, CONCURRENCY, async (i) => {
      await postJson(`${base}/api/recommendations`, token, propagandaSubmission(i, localityUnitId), 201);
      if (++done % 1000 === 0) {
        log(`submitted ${done}/${ITEMS}; worker RSS ${(rss(pid) / MIB).toFixed(0)} MiB`);
      }
    });
    const submitSeconds = (Date.now() - started) / 1000;

    // Settled: RSS within 2 % across the whole window.
    const window: number[] = [];
    const settleStarted = Date.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, 1000));
      window.push(rss(pid));
      if (window.length > SETTLE_SECONDS) window.shift();
      const low = Math.min(...window);
      const high = Math.max(...window);
      if (window.length === SETTLE_SECONDS && high - low <= 0.02 * low) break;
      if (Date.now() - settleStarted > 10 * SETTLE_SECONDS * 1000) {
        log('RSS did not settle within ten windows; reporting the last reading');
        break;
      }
    }
    const settled = window[window.length - 1];
    clearInterval(sampler);
    peak = Math.max(peak, settled);

    const [open] = await query<{ open: number }>(
      servers.databaseUrl,
      `SELECT count(*)::int AS open FROM recommendations WHERE status = 'routed'`,
    );
    if (open.open !== ITEMS) throw new Error(`${open.open} of ${ITEMS} items are open and routed`);
    const mib = (v: number) => `${(v / MIB).toFixed(0)} MiB`;
    const ratio = settled / GOAL_BYTES;
    console.log(`
worker-memory: ${ITEMS} open recommendations submitted over HTTP in ${submitSeconds.toFixed(0)} s (${(ITEMS / submitSeconds).toFixed(0)}/s)
  worker RSS idle ${mib(idle)}   peak ${mib(peak)}   settled ${mib(settled)} (after ${Math.round((Date.now() - settleStarted) / 1000)} s)
  workflow cache             ${cache} items (TEMPORAL_MAX_CACHED_WORKFLOWS), ${((settled - idle) / Math.max(1, Math.min(cache, ITEMS)) / 1024).toFixed(0)} KiB each above idle
  settled / goal (1 GiB)     ${ratio.toFixed(2)}  ${ratio <= 1 ? 'within the goal' : 'over the goal'}`);
    recordResult(
      'worker-memory',
      {
        items: ITEMS,
        concurrency: CONCURRENCY,
        settleSeconds: SETTLE_SECONDS,
        maxCachedWorkflows: cache,
        goalBytes: GOAL_BYTES,
        rssBytes: { idle, peak, settled },
        rssMiB: { idle: round(idle / MIB, 0), peak: round(peak / MIB, 0), settled: round(settled / MIB, 0) },
        submissionsPerSecond: round(ITEMS / submitSeconds, 1),
        ratioToGoal: round(ratio, 2),
      },
      servers.postgresVersion,
    );
  } finally {
    await cleanups.run();
  }
}

runBench(main);
