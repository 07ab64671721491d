import { validateEnvironment } from '@ngk/config';
import {
  type Cleanups,
  cpuMeter,
  type CpuShare,
  latencyMeans,
  log,
  percentile,
  pool,
  postJson,
  propagandaSubmission,
  query,
  sdkLatencies,
  serverLatencies,
  type Servers,
  startBareTemporal,
  startNgkForCadre,
} from './harness';
import { seedBareDutyItems } from './bare-duties';

/** Real seconds one day lasts: Sunday 20:00 → Monday 17:00 (the submission window) is 21 h of it, room for 1,000 at 8/s. */
const DAY_SECONDS = Number(process.env.BENCH_DAY_SECONDS ?? 144);
const CLOCK_START = '2026-03-01T20:00:00+07:00';
/** How long the wait for escalations may see none arrive before the run fails. */
const STALL_MS = 180_000;

export interface Lateness {
  p50: number;
  p99: number;
  max: number;
}

export interface DeadlineBurst {
  items: number;
  daySeconds: number;
  submitSeconds: number;
  dueAt: string;
  /** From the deadline to the level-1 escalation event stored in the read model. */
  stored: Lateness;
  /** From the deadline to the instant the workflow decided it (its timer fired and it ran). */
  decided: Lateness;
  /** Where the CPU went while the items were submitted, and from the deadline until all escalated. */
  cpu: { submitting: CpuShare; firing: CpuShare };
  /** The SDK's latencies from the deadline until all escalated (means). */
  sdk: ReturnType<typeof latencyMeans>;
  /** The Temporal server's database calls and history tasks over the same interval (means). */
  server: ReturnType<typeof latencyMeans>;
}

/**
 * N urgent items submitted over HTTP on a shortened clock that starts on a Sunday evening, so every item
 * submitted before Monday's 17:00 cut-off has the same effective day and the same resolution deadline
 * (the bench's policy gives 1 working day to resolve and 2 to acknowledge): N timers in one instant.
 * Waits until each has escalated, and measures how late.
 */
export async function deadlineBurst(
  servers: Servers,
  cleanups: Cleanups,
  items: number,
  concurrency: number,
): Promise<DeadlineBurst> {
  const { databaseUrl } = servers;
  await query(
    databaseUrl,
    `UPDATE sla_policies SET acknowledge_days = 2, resolution_days = 1 WHERE code = 'default-urgent'`,
  );
  Object.assign(process.env, {
    NGK_DAY_SECONDS: String(DAY_SECONDS),
    NGK_CLOCK_EPOCH: new Date().toISOString(),
    NGK_CLOCK_START: CLOCK_START,
  });
  const windowEnd = Date.now() + (21 / 24) * DAY_SECONDS * 1000;
  const { base, token: accessToken, localityUnitId } = await startNgkForCadre(servers, cleanups);
  const started = Date.now();
  const submitting = cpuMeter(servers);
  let done = 0;
  const dueAts = new Set<string>();
  const outlasted = () =>
    new Error(
      `submissions outlasted the window before the cut-off (${done} of ${items} in ${((Date.now() - started) / 1000).toFixed(0)} s): raise BENCH_DAY_SECONDS`,
    );
  await pool(items, concurrency, async (i) => {
    // Past the cut-off the first deadlines fire among the submissions: the run can no longer measure.
    if (Date.now() > windowEnd) throw outlasted();
    const body = await postJson<{ resolutionDueAt: string }>(
      `${base}/api/recommendations`,
      accessToken,
      { ...propagandaSubmission(i, localityUnitId), urgency: 'urgent' },
      201,
    );
    dueAts.add(body.resolutionDueAt);
    if (++done % 100 === 0) log(`submitted ${done}/${items}`);
  });
  const submitSeconds = (Date.now() - started) / 1000;
  const submittingCpu = submitting.stop();
  log(
    `${items} submitted and routed in ${submitSeconds.toFixed(1)} s (${(items / submitSeconds).toFixed(0)}/s)`,
  );
  if (Date.now() > windowEnd) throw outlasted();
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
  await new Promise((r) => setTimeout(r, Math.max(0, dueAt - Date.now())));
  const sdkBefore = await sdkLatencies();
  const serverBefore = await serverLatencies(servers.temporalMetricsUrl);
  const firing = cpuMeter(servers);
  // Waits as long as escalations keep arriving: at 10,000 items the last may come many minutes after the
  // deadline, and that lateness is what is measured. Only a stall, no new one for STALL_MS, fails the run.
  let seen = 0;
  let lastProgress = Date.now();
  for (let n = await escalated(); n < items; n = await escalated()) {
    if (n > seen) [seen, lastProgress] = [n, Date.now()];
    if (Date.now() - lastProgress > STALL_MS) {
      throw new Error(`only ${n} of ${items} escalated, none for ${STALL_MS / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const firingCpu = firing.stop();
  const sdk = latencyMeans(sdkBefore, await sdkLatencies());
  const server = latencyMeans(serverBefore, await serverLatencies(servers.temporalMetricsUrl));
  const [lag] = await query<Record<string, number>>(
    databaseUrl,
    `WITH lag AS (
       SELECT extract(epoch FROM recorded_at - (payload->>'dueAt')::timestamptz) * 1000 AS stored,
              extract(epoch FROM occurred_at - (payload->>'dueAt')::timestamptz) * 1000 AS decided
         FROM recommendation_events WHERE type = 'escalated' AND payload->>'clock' = 'resolution')
     SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY stored) AS "storedP50",
            percentile_cont(0.99) WITHIN GROUP (ORDER BY stored) AS "storedP99",
            max(stored) AS "storedMax",
            percentile_cont(0.5) WITHIN GROUP (ORDER BY decided) AS "decidedP50",
            percentile_cont(0.99) WITHIN GROUP (ORDER BY decided) AS "decidedP99",
            max(decided) AS "decidedMax",
            count(*)::int AS n
       FROM lag`,
  );
  const whole = (v: number) => Math.round(v);
  return {
    items: lag.n,
    daySeconds: DAY_SECONDS,
    submitSeconds,
    dueAt: new Date(dueAt).toISOString(),
    stored: { p50: whole(lag.storedP50), p99: whole(lag.storedP99), max: whole(lag.storedMax) },
    decided: { p50: whole(lag.decidedP50), p99: whole(lag.decidedP99), max: whole(lag.decidedMax) },
    cpu: { submitting: submittingCpu, firing: firingCpu },
    sdk,
    server,
  };
}

/** How late N bare timers woke, and where the CPU went from the first wake until every one had. */
export interface BareLateness extends Lateness {
  cpu: CpuShare;
  /** The Temporal server's database calls and history tasks while they woke (means). */
  server: ReturnType<typeof latencyMeans>;
}

/**
 * What each bare workflow does when its timer fires (bench/workflows/bare.ts):
 * - `timer`: returns how late it woke (bareTimerWorkflow);
 * - `commit`: commits one row to PostgreSQL by a local activity, then returns how late it had committed
 *   (bareTimerCommitWorkflow), the least a durable record of the deadline costs;
 * - `stay`: commits the row, then waits on a next timer (bareTimerStayingWorkflow), as an NGK item waits on
 *   its grace period after a breach, so its run stays in the worker's cache. Its lateness is read from the
 *   rows, since it does not return;
 * - `duties`: as `stay`, with the rest of an NGK breach's work (bareTimerDutiesWorkflow): the item's event,
 *   row, task, a notification and the dashboard's change in one committed statement, and its search
 *   attributes upserted. Its lateness is read from its events.
 */
export type BareShape = 'timer' | 'commit' | 'stay' | 'duties';

const BARE_WORKFLOWS: Record<BareShape, { workflow: string; taskQueue: string }> = {
  timer: { workflow: 'bareTimerWorkflow', taskQueue: 'ngk-bench-bare-timers' },
  commit: { workflow: 'bareTimerCommitWorkflow', taskQueue: 'ngk-bench-bare-timer-commits' },
  stay: { workflow: 'bareTimerStayingWorkflow', taskQueue: 'ngk-bench-bare-timer-stays' },
  duties: { workflow: 'bareTimerDutiesWorkflow', taskQueue: 'ngk-bench-bare-timer-duties' },
};

/** Where a staying bare workflow's record is, and the column naming it. */
const STAYING_ROWS = {
  stay: { table: 'bench_bare_writes', key: 'key' },
  duties: { table: 'bench_duty_events', key: 'item' },
};

/** How long a staying bare workflow's next timer waits: past any wave's end, so none fires in the run. */
const STAYING_NEXT_MS = 24 * 3600_000;

/**
 * N bare workflows on their own task queue of the same server, each sleeping until its instant: all the
 * same one, or spread evenly over `spreadMs`. How late each wakes, or has committed its row, in ms (see
 * BareShape). The bare worker holds as many workflows in its cache as NGK's does
 * (TEMPORAL_MAX_CACHED_WORKFLOWS), so that a burst larger than the cache replays in both.
 */
export async function bareSleepLateness(
  servers: Servers,
  items: number,
  concurrency: number,
  { spreadMs = 0, shape = 'timer' }: { spreadMs?: number; shape?: BareShape } = {},
): Promise<BareLateness> {
  const cache = validateEnvironment(process.env).TEMPORAL_MAX_CACHED_WORKFLOWS;
  const { workflow, taskQueue } = BARE_WORKFLOWS[shape];
  const bare = await startBareTemporal(
    servers.temporalAddress,
    taskQueue,
    shape === 'timer' ? undefined : servers.databaseUrl,
    cache,
  );
  try {
    const firstWake = Date.now() + 10_000 + items * 15;
    const prefix = `bare-timer-${shape}-${firstWake}-`;
    const wakeAts: number[] = [];
    const handles: { result(): Promise<unknown> }[] = [];
    if (shape === 'duties')
      await seedBareDutyItems(
        servers.databaseUrl,
        Array.from({ length: items }, (_, i) => `${prefix}${i}`),
      );
    await pool(items, concurrency, async (i) => {
      const wakeAt = (wakeAts[i] = firstWake + Math.floor((i * spreadMs) / items));
      const workflowId = `${prefix}${i}`;
      const args = {
        timer: [wakeAt],
        commit: [wakeAt, workflowId],
        stay: [wakeAt, workflowId, STAYING_NEXT_MS],
        duties: [wakeAt, workflowId, STAYING_NEXT_MS],
      };
      handles[i] = await bare.client.workflow.start(workflow, {
        taskQueue: bare.taskQueue,
        workflowId,
        args: args[shape],
      });
    });
    if (Date.now() > firstWake) throw new Error('bare workflows started after their wake time');
    await new Promise((r) => setTimeout(r, firstWake - Date.now()));
    const serverBefore = await serverLatencies(servers.temporalMetricsUrl);
    const firing = cpuMeter(servers);
    const lags =
      shape === 'stay' || shape === 'duties'
        ? await stayingLags(servers.databaseUrl, prefix, wakeAts, STAYING_ROWS[shape])
        : // Each workflow returns how late it was, so the results may be fetched in any order: a few at a
          // time, as 10,000 long polls at once exhaust the client's connection.
          await resultLags(handles, concurrency);
    const cpu = firing.stop();
    const server = latencyMeans(serverBefore, await serverLatencies(servers.temporalMetricsUrl));
    lags.sort((a, b) => a - b);
    return {
      p50: percentile(lags, 0.5),
      p99: percentile(lags, 0.99),
      max: lags[lags.length - 1],
      cpu,
      server,
    };
  } finally {
    await bare.stop();
  }
}

async function resultLags(handles: { result(): Promise<unknown> }[], concurrency: number): Promise<number[]> {
  const lags: number[] = [];
  await pool(handles.length, concurrency, async (i) => {
    lags[i] = (await handles[i].result()) as number;
  });
  return lags;
}

/**
 * Waits until every staying workflow has committed its row, counting them as NGK's side counts its
 * events, then how late each was; a stall, no new row for STALL_MS, fails the run.
 */
async function stayingLags(
  databaseUrl: string,
  prefix: string,
  wakeAts: number[],
  { table, key }: { table: string; key: string },
): Promise<number[]> {
  const where = `FROM ${table} WHERE starts_with(${key}, $1)`;
  const committed = () =>
    query<{ n: number }>(databaseUrl, `SELECT count(*)::int AS n ${where}`, [prefix]).then(
      (rows) => rows[0].n,
    );
  let seen = 0;
  let lastProgress = Date.now();
  for (let n = await committed(); n < wakeAts.length; n = await committed()) {
    if (n > seen) [seen, lastProgress] = [n, Date.now()];
    if (Date.now() - lastProgress > STALL_MS) {
      throw new Error(
        `only ${n} of ${wakeAts.length} bare workflows committed, none for ${STALL_MS / 1000} s`,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const rows = await query<{ key: string; at: number }>(
    databaseUrl,
    `SELECT ${key} AS key, extract(epoch FROM at) * 1000 AS at ${where}`,
    [prefix],
  );
  // Whole milliseconds, as the other shapes give them: the rows' instants are finer than the wake times.
  return rows.map((row) => Math.round(Number(row.at) - wakeAts[Number(row.key.slice(prefix.length))]));
}
