/**
 * bench/submit-throughput: N submissions (default 2,000) over HTTP at concurrency 32, each counted when
 * the read model shows it routed, against a baseline on the same server in the same run: N bare
 * workflows with one no-op activity, started with the Temporal client at the same concurrency and each
 * counted when it completes. Prints both rates and their ratio against the goal (at least 0.5×).
 *
 * Real parts: a Temporal dev server (in memory), PostgreSQL (a fresh database, dropped afterwards), the
 * API over HTTP and the worker of this repository in this process. A submission's 201 already means
 * routed (the submit update returns once the routing is projected); the read model is then counted to
 * confirm every item is there, routed, once.
 *
 * Both sides first run BENCH_WARMUP (50) of their own, untimed, so neither pays for compiling or
 * bundling in its figure; the baseline runs first, then NGK.
 *
 *   npm run bench:submit-throughput        BENCH_ITEMS=500 npm run bench:submit-throughput
 */
import { startApi } from './lib/api';
import {
  Cleanups,
  log,
  percentile,
  pool,
  postJson,
  propagandaSubmission,
  provideServers,
  query,
  recordResult,
  round,
  runBench,
  signIn,
  startBareTemporal,
  startWorker,
  unitIdOf,
} from './lib/harness';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50);
const GOAL_RATIO = 0.5;

interface Run {
  items: number;
  seconds: number;
  perSecond: number;
  /** Latency of one submission (NGK) or one start-to-result (bare), in ms. */
  p50Ms: number;
  p95Ms: number;
}

/** Times `count` calls of `one` at CONCURRENCY in flight. */
async function timed(count: number, one: (i: number) => Promise<void>): Promise<Run> {
  const latencies: number[] = [];
  const started = performance.now();
  await pool(count, CONCURRENCY, async (i) => {
    const t = performance.now();
    await one(i);
    latencies.push(performance.now() - t);
  });
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    items: count,
    seconds: round(seconds, 2),
    perSecond: round(count / seconds, 1),
    p50Ms: round(percentile(latencies, 0.5), 0),
    p95Ms: round(percentile(latencies, 0.95), 0),
  };
}

async function main(): Promise<void> {
  const cleanups = new Cleanups();
  try {
    const servers = await provideServers('submit', cleanups);
    const { databaseUrl } = servers;

    const bare = await startBareTemporal(servers.temporalAddress, 'ngk-bench-bare-submit');
    cleanups.add(() => bare.stop());
    const startBare = (prefix: string) => (i: number) =>
      bare.client.workflow.execute('bareActivityWorkflow', {
        taskQueue: bare.taskQueue,
        workflowId: `${prefix}-${i}`,
      });
    await timed(WARMUP, startBare('bare-warmup'));
    const baseline = await timed(ITEMS, startBare('bare'));
    log(
      `baseline: ${ITEMS} bare workflows with one activity in ${baseline.seconds} s (${baseline.perSecond}/s)`,
    );
    await bare.stop();

    const worker = await startWorker();
    cleanups.add(() => worker.close());
    const api = await startApi();
    cleanups.add(() => api.close());
    const base = await api.getUrl();
    const localityUnitId = await unitIdOf(databaseUrl, 'phu-le');
    const token = await signIn(base, 'cadre.phule');
    const submit = (offset: number) => async (i: number) => {
      const item = await postJson<{ status: string }>(
        `${base}/api/recommendations`,
        token,
        propagandaSubmission(offset + i, localityUnitId),
        201,
      );
      if (item.status !== 'routed') throw new Error(`submission ${offset + i} answered ${item.status}`);
    };
    await timed(WARMUP, submit(0));
    let done = 0;
    const ngk = await timed(ITEMS, async (i) => {
      await submit(WARMUP)(i);
      if (++done % 250 === 0) log(`submitted ${done}/${ITEMS}`);
    });

    const [counted] = await query<{ items: number; routed: number; routedEvents: number }>(
      databaseUrl,
      `SELECT count(*)::int AS items,
              count(*) FILTER (WHERE r.status = 'routed')::int AS routed,
              (SELECT count(*)::int FROM recommendation_events e WHERE e.type = 'routed') AS "routedEvents"
         FROM recommendations r`,
    );
    const expected = WARMUP + ITEMS;
    if (counted.items !== expected || counted.routed !== expected || counted.routedEvents !== expected) {
      throw new Error(`read model holds ${JSON.stringify(counted)}, expected ${expected} routed once each`);
    }

    const ratio = ngk.perSecond / baseline.perSecond;
    console.log(`
submit-throughput: ${ITEMS} at concurrency ${CONCURRENCY}, after ${WARMUP} untimed on each side
  NGK, HTTP submission until routed in the read model   ${ngk.perSecond}/s   (${ngk.seconds} s; p50 ${ngk.p50Ms} ms, p95 ${ngk.p95Ms} ms)
  bare workflow with one no-op activity, same server     ${baseline.perSecond}/s   (${baseline.seconds} s; p50 ${baseline.p50Ms} ms, p95 ${baseline.p95Ms} ms)
  NGK / bare                                            ${ratio.toFixed(2)}×  (goal ≥ ${GOAL_RATIO}×) ${ratio >= GOAL_RATIO ? 'within the goal' : 'below the goal'}
  read model: ${counted.items} items, ${counted.routed} routed, ${counted.routedEvents} routed events`);
    recordResult(
      'submit-throughput',
      {
        items: ITEMS,
        concurrency: CONCURRENCY,
        warmup: WARMUP,
        goalRatio: GOAL_RATIO,
        ngk,
        bare: baseline,
        ratio: round(ratio, 2),
      },
      servers.postgresVersion,
    );
  } finally {
    await cleanups.run();
  }
}

runBench(main);
