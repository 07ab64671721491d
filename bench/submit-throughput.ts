/**
 * bench/submit-throughput: N submissions (default 2,000) over HTTP at concurrency 32, each counted when
 * the read model shows it routed, against a baseline on the same server in the same run: N bare
 * workflows with one no-op activity, started with the Temporal client at the same concurrency and each
 * counted when it completes. Prints both rates and their ratio against the goal (at least 0.8×), and
 * where a submission's time went: the API's stages (Server-Timing) and the SDK's latencies.
 *
 * A second baseline submits as NGK does, bare: update-with-start, the update answered once a local
 * activity has committed one row to PostgreSQL. It is what Temporal alone reaches under the limit NGK
 * keeps, a durable write before the answer.
 *
 * Real parts: a Temporal server (the dev server in memory, or with NGK_TEMPORAL=server the real server on
 * PostgreSQL), PostgreSQL (a fresh database, dropped afterwards), the
 * API over HTTP and the worker of this repository in this process. A submission's 201 already means
 * routed (the submit update returns once the routing is projected); the read model is then counted to
 * confirm every item is there, routed, once.
 *
 * Each submission carries an Idempotency-Key, as the web UI's do (BENCH_IDEMPOTENCY=off sends none): the
 * API records the key with the item, so a retry never makes a second one.
 *
 * Every side first runs BENCH_WARMUP (50) of its own, untimed, so none pays for compiling or bundling
 * in its figure; then BENCH_ROUNDS (8) rounds, each the baselines' shares then NGK's, so a machine whose
 * load drifts during the run weighs on all alike.
 *
 *   npm run bench:submit-throughput        BENCH_ITEMS=500 npm run bench:submit-throughput
 *   NGK_TEMPORAL=server npm run bench:submit-throughput
 */
import { WithStartWorkflowOperation } from '@temporalio/client';
import {
  Cleanups,
  cpuMeter,
  type CpuShare,
  describeBreakdown,
  describeCpu,
  describeCpuPerItem,
  describeThreads,
  idempotency,
  latencyMeans,
  log,
  percentile,
  pool,
  postJsonTimed,
  propagandaSubmission,
  provideServers,
  query,
  recordResult,
  round,
  runBench,
  sdkLatencies,
  StageBreakdown,
  startBareTemporal,
  startNgkForCadre,
  sumCpu,
} from './lib/harness';
import { bareSubmit } from './workflows/bare';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const GOAL_RATIO = 0.8;

interface Run {
  items: number;
  seconds: number;
  perSecond: number;
  /** Latency of one submission (NGK) or one start-to-result (bare), in ms. */
  p50Ms: number;
  p95Ms: number;
}

interface Round {
  items: number;
  seconds: number;
  latencies: number[];
}

/** Times `count` calls of `one` at CONCURRENCY in flight. */
async function timed(count: number, one: (i: number) => Promise<void>): Promise<Round> {
  const latencies: number[] = [];
  const started = performance.now();
  await pool(count, CONCURRENCY, async (i) => {
    const t = performance.now();
    await one(i);
    latencies.push(performance.now() - t);
  });
  return { items: count, seconds: (performance.now() - started) / 1000, latencies };
}

/** Rounds of one side added up: items over the seconds they took, latency over all of them. */
function summarise(rounds: Round[]): Run {
  const items = rounds.reduce((n, r) => n + r.items, 0);
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  const latencies = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  return {
    items,
    seconds: round(seconds, 2),
    perSecond: round(items / seconds, 1),
    p50Ms: round(percentile(latencies, 0.5), 0),
    p95Ms: round(percentile(latencies, 0.95), 0),
  };
}

async function main(): Promise<void> {
  const cleanups = new Cleanups();
  try {
    const servers = await provideServers('submit', cleanups);
    const { databaseUrl } = servers;

    const bare = await startBareTemporal(servers.temporalAddress, 'ngk-bench-bare-submit', databaseUrl);
    cleanups.add(() => bare.stop());
    const startBare = (prefix: string) => async (i: number) =>
      bare.client.workflow.execute('bareActivityWorkflow', {
        taskQueue: bare.taskQueue,
        workflowId: `${prefix}-${i}`,
      });
    const submitBare = (prefix: string) => async (i: number) => {
      const workflowId = `${prefix}-${i}`;
      const answer = await bare.client.workflow.executeUpdateWithStart(bareSubmit, {
        startWorkflowOperation: new WithStartWorkflowOperation('bareSubmitCommitWorkflow', {
          taskQueue: bare.taskQueue,
          workflowId,
          args: [workflowId],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
      if (answer !== 'routed') throw new Error(`bare submission ${workflowId} answered ${answer}`);
    };
    const { base, token, localityUnitId } = await startNgkForCadre(servers, cleanups);
    const stages = new StageBreakdown();
    let timing = false;
    const submit = (offset: number) => async (i: number) => {
      const t = performance.now();
      const { body: item, stages: serverStages } = await postJsonTimed<{ status: string }>(
        `${base}/api/recommendations`,
        token,
        propagandaSubmission(offset + i, localityUnitId),
        201,
        idempotency.headers(),
      );
      if (timing) stages.add(performance.now() - t, serverStages);
      if (item.status !== 'routed') throw new Error(`submission ${offset + i} answered ${item.status}`);
    };
    await timed(WARMUP, startBare('bare-warmup'));
    await timed(WARMUP, submitBare('bare-commit-warmup'));
    await timed(WARMUP, submit(0));

    // Alternating rounds: a machine that gets busier or quieter during the run weighs on every side.
    const bareRounds: Round[] = [];
    const commitRounds: Round[] = [];
    const ngkRounds: Round[] = [];
    timing = true;
    const sdkBefore = await sdkLatencies();
    const bareCpu: CpuShare[] = [];
    const commitCpu: CpuShare[] = [];
    const ngkCpu: CpuShare[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const from = Math.floor((r * ITEMS) / ROUNDS);
      const count = Math.floor(((r + 1) * ITEMS) / ROUNDS) - from;
      let meter = cpuMeter(servers);
      const bareRound = await timed(count, (i) => startBare('bare')(from + i));
      bareCpu.push(meter.stop());
      meter = cpuMeter(servers);
      const commitRound = await timed(count, (i) => submitBare('bare-commit')(from + i));
      commitCpu.push(meter.stop());
      meter = cpuMeter(servers);
      const ngkRound = await timed(count, (i) => submit(WARMUP + from)(i));
      ngkCpu.push(meter.stop());
      bareRounds.push(bareRound);
      commitRounds.push(commitRound);
      ngkRounds.push(ngkRound);
      log(
        `round ${r + 1}/${ROUNDS}: ${count} each; bare ${(count / bareRound.seconds).toFixed(1)}/s, bare committing ${(count / commitRound.seconds).toFixed(1)}/s, NGK ${(count / ngkRound.seconds).toFixed(1)}/s`,
      );
    }
    const sdk = latencyMeans(sdkBefore, await sdkLatencies());
    const breakdown = stages.summary();
    const baseline = summarise(bareRounds);
    const committing = summarise(commitRounds);
    const ngk = summarise(ngkRounds);

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
    const commitRatio = ngk.perSecond / committing.perSecond;
    console.log(`
submit-throughput on the ${servers.temporalKind} Temporal: ${ITEMS} at concurrency ${CONCURRENCY} in ${ROUNDS} alternating rounds, after ${WARMUP} untimed on each side
  NGK's ${idempotency.described()}
  NGK, HTTP submission until routed in the read model   ${ngk.perSecond}/s   (${ngk.seconds} s; p50 ${ngk.p50Ms} ms, p95 ${ngk.p95Ms} ms)
  bare workflow with one no-op activity, same server     ${baseline.perSecond}/s   (${baseline.seconds} s; p50 ${baseline.p50Ms} ms, p95 ${baseline.p95Ms} ms)
  NGK / bare                                            ${ratio.toFixed(2)}×  (goal ≥ ${GOAL_RATIO}×) ${ratio >= GOAL_RATIO ? 'within the goal' : 'below the goal'}
  bare update-with-start answered after one committed row ${committing.perSecond}/s   (${committing.seconds} s; p50 ${committing.p50Ms} ms, p95 ${committing.p95Ms} ms)
  NGK / bare committing a row                           ${commitRatio.toFixed(2)}×  (the same limit: a durable write before the answer)
  read model: ${counted.items} items, ${counted.routed} routed, ${counted.routedEvents} routed events
  NGK rounds:  ${describeCpu(sumCpu(ngkCpu))}
  bare rounds: ${describeCpu(sumCpu(bareCpu))}
  committing rounds: ${describeCpu(sumCpu(commitCpu))}
  CPU per submission (ms), NGK:        ${describeCpuPerItem(sumCpu(ngkCpu), ITEMS)}
  CPU per submission (ms), bare:       ${describeCpuPerItem(sumCpu(bareCpu), ITEMS)}
  CPU per submission (ms), committing: ${describeCpuPerItem(sumCpu(commitCpu), ITEMS)}
  this process's threads, NGK rounds:  ${describeThreads(sumCpu(ngkCpu))}
  this process's threads, bare rounds: ${describeThreads(sumCpu(bareCpu))}
  this process's threads, committing:  ${describeThreads(sumCpu(commitCpu))}

${describeBreakdown(breakdown, sdk, {
  stages: "where an NGK submission's time goes (API's Server-Timing; http = client time the API did not see)",
  sdk: "the SDK's latencies over the timed rounds (means, both task queues)",
})}`);
    recordResult(
      'submit-throughput',
      {
        items: ITEMS,
        concurrency: CONCURRENCY,
        idempotencyKey: idempotency.on,
        rounds: ROUNDS,
        warmup: WARMUP,
        goalRatio: GOAL_RATIO,
        ngk,
        bare: baseline,
        bareCommitting: committing,
        ratio: round(ratio, 2),
        commitRatio: round(commitRatio, 2),
        cpu: { ngk: sumCpu(ngkCpu), bare: sumCpu(bareCpu), bareCommitting: sumCpu(commitCpu) },
        breakdown,
        sdk,
      },
      servers.postgresVersion,
    );
  } finally {
    await cleanups.run();
  }
}

runBench(main);
