/**
 * bench/action-latency: p50 and p95 of `acknowledge` through the API (POST /api/recommendations/:id/
 * acknowledge as the lead unit's officer, answered once the new state is in the read model) against a
 * bare Workflow Update on a trivial workflow that changes its state and answers. Goal: NGK at most 1.5×.
 * Three more baselines show what the read-your-writes answer costs Temporal alone: the bare Update waiting
 * for a no-op local activity; for a local activity that commits one row to PostgreSQL; and that committing
 * Update asked for over HTTP, through a plain `node:http` endpoint in this process that parses the request
 * and answers JSON, with none of an API's checks: what bare Temporal reaches behind the same two limits as
 * NGK, a durable write before the answer and an HTTP round trip. A fifth makes, over HTTP, every round trip
 * an NGK action makes by its product's rules, with none of NGK's framework (bench/lib/bare-duties.ts):
 * the token's user and revocation, the item's read and the key's record, the per-user count, an Update
 * whose local activity commits the item's writes in one statement and upserts its search attributes, the
 * answer read back and kept. The API's stages (Server-Timing) and the SDK's latencies inside the Update are
 * printed as the breakdown, and the fifth baseline's stages beside them.
 *
 * Real parts: a Temporal dev server (in memory), PostgreSQL (a fresh database, dropped afterwards), the
 * API over HTTP and the worker of this repository in this process; the baseline's worker runs beside it
 * on its own task queue of the same server.
 *
 * Each acknowledge carries an Idempotency-Key, as the web UI's actions do (BENCH_IDEMPOTENCY=off sends
 * none): the API records the request before it sends the Update and keeps the answer for a retry.
 *
 * BENCH_ACTIONS (300) items of each kind are made first, untimed. The actions are then timed one at a
 * time, alternating NGK and bare, so both meet the same machine; the first BENCH_WARMUP (20) of each are
 * not counted.
 *
 *   npm run bench:action-latency        BENCH_ACTIONS=100 npm run bench:action-latency
 *   BENCH_SUMMARIES=off npm run bench:action-latency   (a diagnosis: without the dashboard summaries' trigger)
 *   BENCH_VM_WATCHDOG=off npm run bench:action-latency (a diagnosis: without the SDK's per-call vm watchdog)
 *   TEMPORAL_MAX_CACHED_WORKFLOWS=10 npm run bench:action-latency
 *
 * With TEMPORAL_MAX_CACHED_WORKFLOWS set, the baselines' worker caches as many workflows as NGK's (unset,
 * the SDK sizes its cache from the heap and holds them all). Below BENCH_ACTIONS + BENCH_WARMUP, every
 * item has left both caches by the time it is acted on (they are acted on in the order they were made):
 * each action replays its item's history first, as an action on an item the worker no longer holds does.
 * Such a run is recorded as action-latency-uncached.
 *
 * BENCH_HISTORY=N gives every item N actions before the timed one (an acknowledge, then progress notes)
 * and every bare workflow N earlier updates with the same work as its acknowledge (bareNote), untimed: the
 * timed NGK action is then one more progress note, on an item whose history is as long as N actions make
 * it. With a small cache, each timed action replays that history first, as an action on a long-lived item
 * the worker no longer holds does. Such a run is recorded as action-latency-history (-uncached). An item
 * continues as new after WORKFLOW_UPDATES_PER_RUN actions (100): past them, the timed action replays only
 * the run since, and the printed history is that run's (WORKFLOW_UPDATES_PER_RUN=500 times a longer run).
 *
 *   BENCH_HISTORY=200 BENCH_ACTIONS=60 BENCH_WARMUP=5 TEMPORAL_MAX_CACHED_WORKFLOWS=10 npm run bench:action-latency
 */
import { validateEnvironment } from '@ngk/config';
import { startApi } from './lib/api';
import {
  Cleanups,
  describeBreakdown,
  describeStages,
  idempotency,
  latencyMeans,
  log,
  percentile,
  pool,
  postJson,
  postJsonTimed,
  propagandaSubmission,
  provideServers,
  query,
  recordResult,
  round,
  runBench,
  sdkLatencies,
  signIn,
  StageBreakdown,
  startBareTemporal,
  startWorker,
  unitIdOf,
} from './lib/harness';
import { bareAcknowledge, bareNote } from './workflows/bare';
import { seedBareDutyItems, startBareDutiesHttp } from './lib/bare-duties';
import { startPlainHttp } from './lib/plain-http';

const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 300);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const GOAL_RATIO = 1.5;
/** BENCH_HISTORY: actions each item takes, untimed, before the timed one (0: the timed one is its first). */
const HISTORY = Number(process.env.BENCH_HISTORY ?? 0);
/** BENCH_SUMMARIES=off: the run without the summaries' update trigger, to show what it costs an action. */
const WITHOUT_SUMMARIES = process.env.BENCH_SUMMARIES === 'off';
/**
 * Both workers' workflow cache when TEMPORAL_MAX_CACHED_WORKFLOWS is set; else each worker's default. Read
 * once the servers are provided: the environment is whole only then.
 */
function workflowCache(): number | undefined {
  return process.env.TEMPORAL_MAX_CACHED_WORKFLOWS === undefined
    ? undefined
    : validateEnvironment(process.env).TEMPORAL_MAX_CACHED_WORKFLOWS;
}

interface Latency {
  timed: number;
  p50Ms: number;
  p95Ms: number;
  meanMs: number;
}

/**
 * A bare committing Update behind HTTP: POST /<workflow id> reads and parses the JSON body, executes the
 * Update and answers its result as JSON. No framework, authentication or read of the answer: the floor
 * of any HTTP API that answers from a durable write.
 */
function startBareHttp(update: (workflowId: string) => Promise<string>) {
  return startPlainHttp(async (req, body) => {
    JSON.parse(body.toString('utf8') || '{}');
    const status = await update(decodeURIComponent((req.url ?? '/').slice(1)));
    return { status: 200, body: { status } };
  });
}

function summarise(samples: number[]): Latency {
  const timed = samples.slice(WARMUP).sort((a, b) => a - b);
  return {
    timed: timed.length,
    p50Ms: round(percentile(timed, 0.5), 2),
    p95Ms: round(percentile(timed, 0.95), 2),
    meanMs: round(timed.reduce((sum, v) => sum + v, 0) / timed.length, 2),
  };
}

async function main(): Promise<void> {
  const cleanups = new Cleanups();
  try {
    const total = ACTIONS + WARMUP;
    const servers = await provideServers('actions', cleanups);
    const cache = workflowCache();
    const uncached = cache !== undefined && cache < total;
    const bare = await startBareTemporal(
      servers.temporalAddress,
      'ngk-bench-bare-update',
      servers.databaseUrl,
      cache,
    );
    cleanups.add(() => bare.stop());
    if (WITHOUT_SUMMARIES) {
      // A diagnosis, not a result: how much of a projection the dashboard's summaries take.
      await query(
        servers.databaseUrl,
        `ALTER TABLE recommendations DISABLE TRIGGER recommendation_stats_update`,
      );
      log("the summaries' update trigger is off: a diagnosis, the dashboard goes stale");
    }
    const worker = await startWorker();
    cleanups.add(() => worker.close());
    const api = await startApi();
    cleanups.add(() => api.close());
    const base = await api.getUrl();

    const localityUnitId = await unitIdOf(servers.databaseUrl, 'phu-le');
    const cadre = await signIn(base, 'cadre.phule');
    const officer = await signIn(base, 'officer.propaganda');
    const ids: string[] = [];
    const handles: Awaited<ReturnType<typeof bare.client.workflow.start>>[] = [];
    const withLocal: typeof handles = [];
    const withCommit: typeof handles = [];
    const overHttp: typeof handles = [];
    const withDuties: typeof handles = [];
    await pool(total, 16, async (i) => {
      handles[i] = await bare.client.workflow.start('bareUpdateWorkflow', {
        taskQueue: bare.taskQueue,
        workflowId: `bare-update-${i}`,
      });
      withLocal[i] = await bare.client.workflow.start('bareUpdateLocalActivityWorkflow', {
        taskQueue: bare.taskQueue,
        workflowId: `bare-update-local-${i}`,
      });
      withCommit[i] = await bare.client.workflow.start('bareUpdateCommitWorkflow', {
        taskQueue: bare.taskQueue,
        workflowId: `bare-update-commit-${i}`,
        args: [`bare-update-commit-${i}`],
      });
      overHttp[i] = await bare.client.workflow.start('bareUpdateCommitWorkflow', {
        taskQueue: bare.taskQueue,
        workflowId: `bare-update-http-${i}`,
        args: [`bare-update-http-${i}`],
      });
      withDuties[i] = await bare.client.workflow.start('bareUpdateDutiesWorkflow', {
        taskQueue: bare.taskQueue,
        workflowId: `bare-update-duties-${i}`,
        args: [`bare-update-duties-${i}`, Date.now() + 21 * 86_400_000],
      });
      ids[i] = (
        await postJson<{ id: string }>(
          `${base}/api/recommendations`,
          cadre,
          propagandaSubmission(i, localityUnitId),
          201,
        )
      ).id;
    });
    await seedBareDutyItems(
      servers.databaseUrl,
      withDuties.map((handle) => handle.workflowId),
    );
    log(`${total} recommendations routed and ${total} bare workflows of each kind started`);
    const growHistories = async (): Promise<{
      updatesPerRun: number;
      ngkEvents: number;
      bareCommitEvents: number;
    }> => {
      // Each item takes all its actions in a row, a few items at once, so that it stays in the cache
      // while its history grows and leaves it only once the next ones have taken their turn.
      const slots = cache === undefined ? 8 : Math.max(1, Math.floor(cache / 2));
      await pool(total, slots, async (i) => {
        for (let n = 0; n < HISTORY; n++)
          await postJson(
            `${base}/api/recommendations/${ids[i]}/${n === 0 ? 'acknowledge' : 'progress'}`,
            officer,
            n === 0 ? {} : { note: `Báo cáo tiến độ lần ${n}` },
            200,
            idempotency.headers(),
          );
        for (const handle of [handles[i], withLocal[i], withCommit[i], overHttp[i], withDuties[i]])
          for (let n = 0; n < HISTORY; n++) await handle.executeUpdate(bareNote);
      });
      // The first item's (its current run's) and the first committing bare workflow's, on one server.
      const [{ workflow_id: itemWorkflowId }] = await query<{ workflow_id: string }>(
        servers.databaseUrl,
        `SELECT workflow_id FROM recommendations WHERE id = $1`,
        [ids[0]],
      );
      const [ngkEvents, bareCommitEvents] = await Promise.all(
        [itemWorkflowId, withCommit[0].workflowId].map(
          async (workflowId) =>
            (await bare.client.workflow.getHandle(workflowId).fetchHistory()).events?.length ?? 0,
        ),
      );
      log(
        `each item took ${HISTORY} actions and each bare workflow ${HISTORY} updates: ` +
          `an item's history is ${ngkEvents} events, a committing bare workflow's ${bareCommitEvents}`,
      );
      // Past it, an item's run has continued as new: the history above is the current run's.
      const { WORKFLOW_UPDATES_PER_RUN: updatesPerRun } = validateEnvironment(process.env);
      return { updatesPerRun, ngkEvents, bareCommitEvents };
    };
    const history = HISTORY > 0 ? await growHistories() : null;
    const bareHttp = await startBareHttp((workflowId) =>
      bare.client.workflow.getHandle(workflowId).executeUpdate(bareAcknowledge),
    );
    cleanups.add(() => bareHttp.close());
    const bareDuties = await startBareDutiesHttp(bare.client, servers.databaseUrl, process.env.JWT_SECRET!);
    cleanups.add(() => bareDuties.close());

    const stages = new StageBreakdown();
    const dutyStages = new StageBreakdown();
    let sdkBefore = await sdkLatencies();
    const ngkSamples: number[] = [];
    const bareSamples: number[] = [];
    const localSamples: number[] = [];
    const commitSamples: number[] = [];
    const httpSamples: number[] = [];
    const dutySamples: number[] = [];
    for (let i = 0; i < total; i++) {
      let t = performance.now();
      await withLocal[i].executeUpdate(bareAcknowledge);
      localSamples.push(performance.now() - t);

      t = performance.now();
      await withCommit[i].executeUpdate(bareAcknowledge);
      commitSamples.push(performance.now() - t);

      t = performance.now();
      const overHttpAnswer = await postJson<{ status: string }>(
        `${bareHttp.url}/${encodeURIComponent(overHttp[i].workflowId)}`,
        officer,
        {},
        200,
      );
      httpSamples.push(performance.now() - t);
      if (overHttpAnswer.status !== 'in-progress')
        throw new Error(`bare over HTTP answered ${overHttpAnswer.status}`);

      t = performance.now();
      const { body: dutyAnswer, stages: dutyServerStages } = await postJsonTimed<{ status: string }>(
        `${bareDuties.url}/${encodeURIComponent(withDuties[i].workflowId)}`,
        officer,
        {},
        200,
        idempotency.headers(),
      );
      const dutyElapsed = performance.now() - t;
      dutySamples.push(dutyElapsed);
      dutyStages.add(dutyElapsed, dutyServerStages);
      if (dutyAnswer.status !== 'in-progress')
        throw new Error(`bare with the duties answered ${dutyAnswer.status}`);

      t = performance.now();
      const answer = await bare.client.workflow
        .getHandle(handles[i].workflowId)
        .executeUpdate(bareAcknowledge);
      bareSamples.push(performance.now() - t);
      if (answer !== 'in-progress') throw new Error(`bare update answered ${answer}`);

      if (i === WARMUP) sdkBefore = await sdkLatencies();
      t = performance.now();
      // With a history, the item was acknowledged long ago: the timed action is its next progress note.
      const { body: item, stages: serverStages } = await postJsonTimed<{ status: string }>(
        `${base}/api/recommendations/${ids[i]}/${history ? 'progress' : 'acknowledge'}`,
        officer,
        history ? { note: `Báo cáo tiến độ lần ${HISTORY}` } : {},
        200,
        idempotency.headers(),
      );
      const elapsed = performance.now() - t;
      ngkSamples.push(elapsed);
      stages.add(elapsed, serverStages);
      if (item.status !== 'in-progress') throw new Error(`the action answered ${item.status}`);
      if ((i + 1) % 100 === 0) log(`${i + 1}/${total} of each`);
    }

    const sdk = latencyMeans(sdkBefore, await sdkLatencies());
    const breakdown = stages.summary(WARMUP);
    const ngk = summarise(ngkSamples);
    const baseline = summarise(bareSamples);
    const bareLocal = summarise(localSamples);
    const bareCommit = summarise(commitSamples);
    const bareCommitHttp = summarise(httpSamples);
    const bareDutiesHttp = summarise(dutySamples);
    const dutiesBreakdown = dutyStages.summary(WARMUP);
    const dutiesP50Ratio = ngk.p50Ms / bareDutiesHttp.p50Ms;
    const dutiesP95Ratio = ngk.p95Ms / bareDutiesHttp.p95Ms;
    const httpP50Ratio = ngk.p50Ms / bareCommitHttp.p50Ms;
    const httpP95Ratio = ngk.p95Ms / bareCommitHttp.p95Ms;
    const commitP50Ratio = ngk.p50Ms / bareCommit.p50Ms;
    const commitP95Ratio = ngk.p95Ms / bareCommit.p95Ms;
    const p50Ratio = ngk.p50Ms / baseline.p50Ms;
    const p95Ratio = ngk.p95Ms / baseline.p95Ms;
    const verdict = (r: number) => (r <= GOAL_RATIO ? 'within the goal' : 'over the goal');
    console.log(`
action-latency: ${ngk.timed} actions of each kind, one at a time, alternating, after ${WARMUP} untimed
  workflow cache: ${cache === undefined ? "each worker's default" : `${cache} workflows on both sides${uncached ? ': each action replays its history first' : ''}`}
  history: ${history ? `${HISTORY} actions before the timed one (a progress note): ${history.ngkEvents} events in an item's run (${history.updatesPerRun} actions a run), ${history.bareCommitEvents} in a committing bare workflow` : "none: the timed action is the item's first (acknowledge)"}
  NGK's ${idempotency.described()}
  NGK ${history ? 'progress note' : 'acknowledge'} over HTTP, answered from the read model   p50 ${ngk.p50Ms} ms   p95 ${ngk.p95Ms} ms   mean ${ngk.meanMs} ms
  bare Workflow Update on a trivial workflow                p50 ${baseline.p50Ms} ms   p95 ${baseline.p95Ms} ms   mean ${baseline.meanMs} ms
  (bare Update waiting for one no-op local activity          p50 ${bareLocal.p50Ms} ms   p95 ${bareLocal.p95Ms} ms   mean ${bareLocal.meanMs} ms)
  (bare Update waiting for one row committed to PostgreSQL   p50 ${bareCommit.p50Ms} ms   p95 ${bareCommit.p95Ms} ms   mean ${bareCommit.meanMs} ms)
  (the same, asked for over HTTP (node:http, no checks)      p50 ${bareCommitHttp.p50Ms} ms   p95 ${bareCommitHttp.p95Ms} ms   mean ${bareCommitHttp.meanMs} ms)
  (over HTTP with NGK's duties (node:http and pg)             p50 ${bareDutiesHttp.p50Ms} ms   p95 ${bareDutiesHttp.p95Ms} ms   mean ${bareDutiesHttp.meanMs} ms)
  NGK / bare   p50 ${p50Ratio.toFixed(2)}× ${verdict(p50Ratio)}   p95 ${p95Ratio.toFixed(2)}× ${verdict(p95Ratio)}   (goal ≤ ${GOAL_RATIO}×)
  NGK / bare with a committed row   p50 ${commitP50Ratio.toFixed(2)}×   p95 ${commitP95Ratio.toFixed(2)}×   (the same limit: a durable write before the answer)
  NGK / bare with a committed row over HTTP   p50 ${httpP50Ratio.toFixed(2)}×   p95 ${httpP95Ratio.toFixed(2)}×   (both limits: the write and an HTTP round trip)
  NGK / bare over HTTP with NGK's duties   p50 ${dutiesP50Ratio.toFixed(2)}×   p95 ${dutiesP95Ratio.toFixed(2)}×   (every round trip an NGK action makes by its rules)

${describeBreakdown(breakdown, sdk, {
  stages: `where an NGK ${history ? 'progress note' : 'acknowledge'}'s time goes (API's Server-Timing; http = client time the API did not see)`,
  sdk: "inside the update, per the SDK's metrics (means over the timed actions, both task queues)",
})}
${describeStages(dutiesBreakdown, "where the bare action with NGK's duties spends its time (its Server-Timing; http = client time it did not see)")}`);
    recordResult(
      WITHOUT_SUMMARIES
        ? 'action-latency-without-summaries'
        : `action-latency${history ? '-history' : ''}${uncached ? '-uncached' : ''}`,
      {
        actions: ngk.timed,
        workflowCache: cache ?? 'default',
        history: history ? { actions: HISTORY, ...history } : null,
        summaries: WITHOUT_SUMMARIES ? 'off (a diagnosis)' : 'on',
        idempotencyKey: idempotency.on,
        warmup: WARMUP,
        goalRatio: GOAL_RATIO,
        ngk,
        bare: baseline,
        bareWithLocalActivity: bareLocal,
        bareWithCommit: bareCommit,
        commitP50Ratio: round(commitP50Ratio, 2),
        commitP95Ratio: round(commitP95Ratio, 2),
        bareWithCommitOverHttp: bareCommitHttp,
        httpCommitP50Ratio: round(httpP50Ratio, 2),
        httpCommitP95Ratio: round(httpP95Ratio, 2),
        bareWithDutiesOverHttp: bareDutiesHttp,
        dutiesP50Ratio: round(dutiesP50Ratio, 2),
        dutiesP95Ratio: round(dutiesP95Ratio, 2),
        dutiesBreakdown,
        p50Ratio: round(p50Ratio, 2),
        p95Ratio: round(p95Ratio, 2),
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
