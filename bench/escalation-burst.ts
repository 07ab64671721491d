/**
 * bench/escalation-burst: N recommendations (default 1,000) whose resolution deadlines fall at the same
 * instant. Prints p50, p99 and max lag from the deadline to the escalation event in the read model, and
 * p99 against the 2 s goal.
 *
 * Real parts: a Temporal dev server (in memory), PostgreSQL (a fresh database, dropped afterwards), the
 * API and the worker of this repository. The clock is shortened (NGK_DAY_SECONDS) and starts on a Sunday
 * evening, so every item submitted before Monday's 17:00 cut-off has the same effective day and the same
 * deadline: the bench's policy gives 1 working day to resolve and 2 to acknowledge, so the resolution
 * deadline is the one that breaches (Tuesday 17:00).
 *
 * Baseline, on the same server in the same run: N bare workflows that sleep until one instant. The ratio
 * of NGK's p99 to the baseline's is what NGK adds to what Temporal itself takes to fire N timers at once.
 *
 *   npm run bench:escalation-burst            BENCH_ITEMS=200 npm run bench:escalation-burst
 */
import { startApi } from './lib/api';
import {
  Cleanups,
  log,
  percentile,
  pool,
  propagandaSubmission,
  provideServers,
  postJson,
  query,
  recordResult,
  round,
  runBench,
  signIn,
  startBareTemporal,
  startWorker,
  unitIdOf,
} from './lib/harness';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
/** Real seconds one day lasts: Sunday 20:00 → Monday 17:00 (the submission window) is 21 h of it. */
const DAY_SECONDS = Number(process.env.BENCH_DAY_SECONDS ?? 96);
const CLOCK_START = '2026-03-01T20:00:00+07:00';
const GOAL_P99_MS = 2000;

async function main(): Promise<void> {
  const cleanups = new Cleanups();
  try {
    const servers = await provideServers('escalation', cleanups);
    const { databaseUrl } = servers;
    await query(
      databaseUrl,
      `UPDATE sla_policies SET acknowledge_days = 2, resolution_days = 1 WHERE code = 'default-urgent'`,
    );

    const baseline = await bareTimerBaseline(servers.temporalAddress);
    log(
      `baseline: ${ITEMS} bare timers woke with p50 ${baseline.p50} ms, p99 ${baseline.p99} ms, max ${baseline.max} ms`,
    );

    Object.assign(process.env, {
      NGK_DAY_SECONDS: String(DAY_SECONDS),
      NGK_CLOCK_EPOCH: new Date().toISOString(),
      NGK_CLOCK_START: CLOCK_START,
    });
    const windowEnd = Date.now() + (21 / 24) * DAY_SECONDS * 1000;
    const worker = await startWorker();
    cleanups.add(() => worker.close());
    const api = await startApi();
    cleanups.add(() => api.close());
    const base = await api.getUrl();

    const localityUnitId = await unitIdOf(databaseUrl, 'phu-le');
    const accessToken = await signIn(base, 'cadre.phule');
    const started = Date.now();
    let done = 0;
    const dueAts = new Set<string>();
    await pool(ITEMS, CONCURRENCY, async (i) => {
      const body = await postJson<{ resolutionDueAt: string }>(
        `${base}/api/recommendations`,
        accessToken,
        { ...propagandaSubmission(i, localityUnitId), urgency: 'urgent' },
        201,
      );
      dueAts.add(body.resolutionDueAt);
      if (++done % 100 === 0) log(`submitted ${done}/${ITEMS}`);
    });
    const submitSeconds = (Date.now() - started) / 1000;
    log(
      `${ITEMS} submitted and routed in ${submitSeconds.toFixed(1)} s (${(ITEMS / submitSeconds).toFixed(0)}/s)`,
    );
    if (Date.now() > windowEnd) {
      throw new Error('submissions outlasted the window before the cut-off: raise BENCH_DAY_SECONDS');
    }
    if (dueAts.size !== 1) throw new Error(`deadlines differ: ${[...dueAts].join(', ')}`);
    const dueAt = Date.parse([...dueAts][0]);
    log(
      `every resolution deadline falls at ${new Date(dueAt).toISOString()}, in ${((dueAt - Date.now()) / 1000).toFixed(0)} s`,
    );

    const escalated = () =>
      query<{ n: number }>(
        databaseUrl,
        `SELECT count(*)::int AS n FROM recommendation_events WHERE type = 'escalated' AND payload->>'clock' = 'resolution'`,
      ).then((rows) => rows[0].n);
    while ((await escalated()) < ITEMS) {
      if (Date.now() > dueAt + 180_000) throw new Error(`only ${await escalated()} of ${ITEMS} escalated`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const [lag] = await query<Record<string, number>>(
      databaseUrl,
      `WITH lag AS (
         SELECT extract(epoch FROM recorded_at - (payload->>'dueAt')::timestamptz) * 1000 AS stored,
                extract(epoch FROM occurred_at - (payload->>'dueAt')::timestamptz) * 1000 AS decided
           FROM recommendation_events WHERE type = 'escalated' AND payload->>'clock' = 'resolution')
       SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY stored) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY stored) AS p99,
              max(stored) AS max,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY decided) AS "decidedP99",
              count(*)::int AS n
         FROM lag`,
    );
    const ms = (v: number) => `${Math.round(v)} ms`;
    console.log(`
escalation-burst: ${lag.n} recommendations, one resolution deadline, level-1 escalation in the read model
  lag from deadline to the stored event   p50 ${ms(lag.p50)}   p99 ${ms(lag.p99)}   max ${ms(lag.max)}
  (workflow decision alone                p99 ${ms(lag.decidedP99)})
  bare Temporal, same server, same run    p50 ${ms(baseline.p50)}   p99 ${ms(baseline.p99)}   max ${ms(baseline.max)}
  p99 NGK stored / bare Temporal          ${(lag.p99 / baseline.p99).toFixed(2)}
  p99 NGK stored / goal (${GOAL_P99_MS} ms)         ${(lag.p99 / GOAL_P99_MS).toFixed(2)}  ${lag.p99 <= GOAL_P99_MS ? 'within the goal' : 'over the goal'}
  submissions                             ${(ITEMS / submitSeconds).toFixed(0)}/s at concurrency ${CONCURRENCY}`);
    recordResult(
      'escalation-burst',
      {
        items: lag.n,
        daySeconds: DAY_SECONDS,
        concurrency: CONCURRENCY,
        goalP99Ms: GOAL_P99_MS,
        ngk: {
          p50Ms: round(lag.p50, 0),
          p99Ms: round(lag.p99, 0),
          maxMs: round(lag.max, 0),
          decidedP99Ms: round(lag.decidedP99, 0),
        },
        bareTimers: baseline,
        p99Ratio: round(lag.p99 / baseline.p99, 2),
        submissionsPerSecond: round(ITEMS / submitSeconds, 1),
      },
      servers.postgresVersion,
    );
  } finally {
    await cleanups.run();
  }
}

/** N bare workflows on their own task queue, each sleeping until the same instant: how late they wake. */
async function bareTimerBaseline(address: string): Promise<{ p50: number; p99: number; max: number }> {
  const bare = await startBareTemporal(address, 'ngk-bench-bare-timers');
  try {
    const wakeAt = Date.now() + 10_000 + ITEMS * 15;
    const handles: { result(): Promise<number> }[] = [];
    await pool(ITEMS, CONCURRENCY, async (i) => {
      handles[i] = await bare.client.workflow.start('bareTimerWorkflow', {
        taskQueue: bare.taskQueue,
        workflowId: `bare-timer-${i}`,
        args: [wakeAt],
      });
    });
    if (Date.now() > wakeAt) throw new Error('bare workflows started after their wake time');
    const lags = (await Promise.all(handles.map((h) => h.result()))).sort((a, b) => a - b);
    return { p50: percentile(lags, 0.5), p99: percentile(lags, 0.99), max: lags[lags.length - 1] };
  } finally {
    await bare.stop();
  }
}

runBench(main);
