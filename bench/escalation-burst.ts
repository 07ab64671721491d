/**
 * bench/escalation-burst: N recommendations (default 1,000) whose resolution deadlines fall at the same
 * instant. Prints p50, p99 and max lag from the deadline to the escalation event in the read model, and
 * p99 against the 2 s goal.
 *
 * Real parts: a Temporal server (the dev server in memory, or with NGK_TEMPORAL=server the real server on
 * PostgreSQL), PostgreSQL (a fresh database, dropped afterwards), the API and the worker of this
 * repository. See bench/lib/deadline-burst.ts for how the deadlines are made to coincide.
 *
 * Baseline, on the same server in the same run: N bare workflows that sleep until one instant. The ratio
 * of NGK's p99 to the baseline's is what NGK adds to what Temporal itself takes to fire N timers at once.
 * A second baseline commits one row to PostgreSQL by a local activity as each wakes: the least a durable
 * record of a breach costs Temporal, so the ratio to it is what NGK adds beyond that record. A third
 * commits the row and then waits on a next timer, as an NGK item waits on its grace period after the
 * breach: its run stays open and in the worker's cache, where a bare timer that returns leaves both, and
 * every run cached costs each later wake-up (docs/capacity.md, "The item stays open"). A fourth does, as it
 * wakes, every write and upsert an NGK breach makes by its product's rules (the event, the item's row, its
 * task, a notification and the dashboard's change, in one committed statement, and the escalation level
 * and next deadline upserted to Temporal's visibility store), then stays open as the third.
 *
 *   npm run bench:escalation-burst     BENCH_ITEMS=200 npm run bench:escalation-burst
 *   NGK_TEMPORAL=server npm run bench:escalation-burst
 *   BENCH_VM_WATCHDOG=off npm run bench:escalation-burst (a diagnosis: without the SDK's per-call vm watchdog)
 *   TEMPORAL_MAX_CACHED_WORKFLOWS=100 npm run bench:escalation-burst
 *
 * Both workers cache TEMPORAL_MAX_CACHED_WORKFLOWS workflows (1,000 by default). Below the burst's size,
 * most items have left the cache when their deadline comes, and each wake-up replays its history first,
 * as the burst after Tết finds most items of a province: such a run is recorded as
 * escalation-burst-uncached.
 */
import { validateEnvironment } from '@ngk/config';
import { bareSleepLateness, deadlineBurst } from './lib/deadline-burst';
import {
  Cleanups,
  type CpuShare,
  describeCpu,
  describeCpuPerItem,
  describeThreads,
  log,
  provideServers,
  recordResult,
  round,
  runBench,
} from './lib/harness';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const GOAL_P99_MS = 2000;
const GOAL_RATIO = 1.1;

/** The worker tuning this run had (README, Configuration), unset ones at their defaults. */
const TUNING = Object.fromEntries(
  [
    'TEMPORAL_MAX_CACHED_WORKFLOWS',
    'TEMPORAL_MAX_CONCURRENT_WORKFLOW_TASKS',
    'TEMPORAL_MAX_CONCURRENT_LOCAL_ACTIVITIES',
    'TEMPORAL_WORKFLOW_TASK_POLLERS',
    'TEMPORAL_STICKY_POLL_RATIO',
    'TEMPORAL_STICKY_TIMEOUT_SECONDS',
    'TEMPORAL_WORKFLOW_THREADS',
    'DB_POOL_SIZE',
    'STATS_FOLD_INTERVAL_MS',
  ].map((name) => [name, process.env[name] ?? 'default']),
);

async function main(): Promise<void> {
  const cleanups = new Cleanups();
  try {
    const servers = await provideServers('escalation', cleanups);
    const baseline = await bareSleepLateness(servers, ITEMS, CONCURRENCY);
    log(
      `baseline: ${ITEMS} bare timers woke with p50 ${baseline.p50} ms, p99 ${baseline.p99} ms, max ${baseline.max} ms`,
    );
    const committed = await bareSleepLateness(servers, ITEMS, CONCURRENCY, { shape: 'commit' });
    log(
      `baseline: ${ITEMS} bare timers each committed a row with p50 ${committed.p50} ms, p99 ${committed.p99} ms, max ${committed.max} ms`,
    );
    const staying = await bareSleepLateness(servers, ITEMS, CONCURRENCY, { shape: 'stay' });
    log(
      `baseline: ${ITEMS} bare timers each committed a row and stayed open with p50 ${staying.p50} ms, p99 ${staying.p99} ms, max ${staying.max} ms`,
    );
    const duties = await bareSleepLateness(servers, ITEMS, CONCURRENCY, { shape: 'duties' });
    log(
      `baseline: ${ITEMS} bare timers each did a breach's duties and stayed open with p50 ${duties.p50} ms, p99 ${duties.p99} ms, max ${duties.max} ms`,
    );
    const burst = await deadlineBurst(servers, cleanups, ITEMS, CONCURRENCY);
    const lag = burst.stored;
    const ms = (v: number) => `${Math.round(v)} ms`;
    // When the cores are saturated, lateness grows with what each deadline costs them: this is that cost.
    const perItem = (cpu: CpuShare) => describeCpuPerItem(cpu, ITEMS);
    // The server's own work for each deadline: its database calls and history tasks, how many an item
    // needed and how long each took, busiest first, NGK's beside the bare timers'.
    const serverWork = () => {
      const names = [...new Set([...Object.keys(burst.server), ...Object.keys(baseline.server)])];
      const total = (name: string) => (burst.server[name]?.count ?? 0) * (burst.server[name]?.meanMs ?? 0);
      const each = (v: { meanMs: number; count: number } | undefined) =>
        v
          ? `${(v.count / ITEMS).toFixed(2).padStart(6)} × ${String(v.meanMs).padStart(8)} ms`
          : ' '.repeat(20);
      return names
        .filter(
          (name) => Math.max(burst.server[name]?.count ?? 0, baseline.server[name]?.count ?? 0) >= ITEMS / 10,
        )
        .sort((a, b) => total(b) - total(a))
        .slice(0, 12)
        .map(
          (name) =>
            `    ${name.padEnd(62)} NGK ${each(burst.server[name])}   bare ${each(baseline.server[name])}`,
        )
        .join('\n');
    };
    console.log(`
escalation-burst on the ${servers.temporalKind} Temporal: ${burst.items} recommendations, one resolution deadline, level-1 escalation in the read model
  lag from deadline to the stored event   p50 ${ms(lag.p50)}   p99 ${ms(lag.p99)}   max ${ms(lag.max)}
  (workflow decision alone                p99 ${ms(burst.decided.p99)})
  bare Temporal, same server, same run    p50 ${ms(baseline.p50)}   p99 ${ms(baseline.p99)}   max ${ms(baseline.max)}
  p99 NGK stored / bare Temporal          ${(lag.p99 / baseline.p99).toFixed(2)}  (goal ≤ ${GOAL_RATIO}) ${lag.p99 / baseline.p99 <= GOAL_RATIO ? 'within the goal' : 'over the goal'}
  bare, each committing one row           p50 ${ms(committed.p50)}   p99 ${ms(committed.p99)}   max ${ms(committed.max)}   (${(committed.p99 / baseline.p99).toFixed(2)}× bare timers)
  p99 NGK stored / bare committing a row  ${(lag.p99 / committed.p99).toFixed(2)}  (the same limit: a durable write for each deadline)
  bare, committing and staying open       p50 ${ms(staying.p50)}   p99 ${ms(staying.p99)}   max ${ms(staying.max)}   (${(staying.p99 / baseline.p99).toFixed(2)}× bare timers)
  p99 NGK stored / bare staying open      ${(lag.p99 / staying.p99).toFixed(2)}  (the same limit, and the item's run kept in the cache after it)
  bare, with a breach's duties            p50 ${ms(duties.p50)}   p99 ${ms(duties.p99)}   max ${ms(duties.max)}   (${(duties.p99 / baseline.p99).toFixed(2)}× bare timers)
  p99 NGK stored / bare with the duties   ${(lag.p99 / duties.p99).toFixed(2)}  (every write and upsert an NGK breach makes by its rules, in one statement)
  p99 NGK stored / goal (${GOAL_P99_MS} ms)         ${(lag.p99 / GOAL_P99_MS).toFixed(2)}  ${lag.p99 <= GOAL_P99_MS ? 'within the goal' : 'over the goal'}
  submissions                             ${(ITEMS / burst.submitSeconds).toFixed(0)}/s at concurrency ${CONCURRENCY}
  submitting: ${describeCpu(burst.cpu.submitting)}
  firing:     ${describeCpu(burst.cpu.firing)}
  bare:       ${describeCpu(baseline.cpu)}
  committing: ${describeCpu(committed.cpu)}
  staying:    ${describeCpu(staying.cpu)}
  duties:     ${describeCpu(duties.cpu)}
  CPU per fired deadline (ms)             ${perItem(burst.cpu.firing)}
  CPU per bare timer (ms)                 ${perItem(baseline.cpu)}
  CPU per bare timer and its row (ms)     ${perItem(committed.cpu)}
  CPU per bare timer staying open (ms)    ${perItem(staying.cpu)}
  CPU per bare timer with the duties (ms) ${perItem(duties.cpu)}
  this process's threads, firing:         ${describeThreads(burst.cpu.firing)}
  this process's threads, bare:           ${describeThreads(baseline.cpu)}
  this process's threads, staying:        ${describeThreads(staying.cpu)}
  this process's threads, duties:         ${describeThreads(duties.cpu)}
  the Temporal server's work per deadline while they fired (calls or tasks per item × mean):
${serverWork()}
  the SDK's latencies while they fired (means):
${Object.entries(burst.sdk)
  .map(([name, v]) => `    ${name.padEnd(58)} mean ${String(v.meanMs).padStart(8)} ms   × ${v.count}`)
  .join('\n')}
  worker tuning: ${Object.entries(TUNING)
    .map(([name, value]) => `${name.replace('TEMPORAL_', '')}=${value}`)
    .join(' ')}`);
    // Read once the servers are provided: the environment is whole only then.
    const cache = validateEnvironment(process.env).TEMPORAL_MAX_CACHED_WORKFLOWS;
    recordResult(
      cache < burst.items ? 'escalation-burst-uncached' : 'escalation-burst',
      {
        items: burst.items,
        daySeconds: burst.daySeconds,
        concurrency: CONCURRENCY,
        goalP99Ms: GOAL_P99_MS,
        goalRatio: GOAL_RATIO,
        tuning: TUNING,
        workflowCache: cache,
        ngk: { p50Ms: lag.p50, p99Ms: lag.p99, maxMs: lag.max, decidedP99Ms: burst.decided.p99 },
        bareTimers: baseline,
        bareTimersCommitting: committed,
        bareTimersStaying: staying,
        bareTimersWithDuties: duties,
        p99Ratio: round(lag.p99 / baseline.p99, 2),
        commitP99Ratio: round(lag.p99 / committed.p99, 2),
        stayingP99Ratio: round(lag.p99 / staying.p99, 2),
        dutiesP99Ratio: round(lag.p99 / duties.p99, 2),
        submissionsPerSecond: round(ITEMS / burst.submitSeconds, 1),
        cpu: burst.cpu,
        sdk: burst.sdk,
        server: burst.server,
      },
      servers.postgresVersion,
    );
  } finally {
    await cleanups.run();
  }
}

runBench(main);
