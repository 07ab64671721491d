/**
 * bench/endurance: BENCH_MINUTES (30) of submissions, actions and deadlines falling due at a steady,
 * scheduled rate, against the same shape of work on bare Temporal in the same run. Prints completed
 * operations per second and their latency in the first and the last third of the run (10 minutes of
 * 30), and their ratio (goal ≥ 0.95 for NGK). The load is open-loop, so a third completes what the
 * schedule offers in it, and the schedule does not offer the same count in every third (the working-day
 * calendar moves deadlines and the actions after them): the bench also counts what was offered in each
 * third, and prints the ratio with the schedule taken out, the completed share of what was offered in the
 * last third against the first. The process's RSS at the start, every minute and at the
 * end; the read model's table and index sizes; and the Temporal history of every item.
 *
 * The rate: 10× a province of 100 communes in its busiest week. PRODUCT.md gives no volumes, so these
 * are assumptions, each overridable:
 * - submissions: 4 recommendations per commune per month (a provincial cadre per commune, who attends
 *   the commune's meetings, plus the commune's own committee) is about 92 a week for 100 communes; the
 *   busiest week, after the quarter's meetings and reviews, brings about 3× that: 300
 *   (BENCH_WEEK_SUBMISSIONS);
 * - actions: 8 per item over its life (acknowledge, 5 progress notes or coordination steps, resolve, the
 *   cadre's feedback): 2,400 (BENCH_WEEK_ACTIONS);
 * - deadlines falling due and escalating: in the week after Tết the deadlines the holiday pushed back
 *   fall due together; half of a busiest week's items breaching their acknowledgement deadline: 150
 *   (BENCH_WEEK_DEADLINES);
 * - the week's work falls in its 40 office hours (BENCH_WEEK_HOURS), not spread over 168.
 * 10× (BENCH_MULTIPLIER) is then 3,000 submissions, 24,000 actions and 1,500 deadlines in 40 hours:
 * 75 submissions, 600 actions and 37.5 escalations an hour (0.021, 0.167 and 0.010 a second).
 * A light load on purpose: the question is whether it stays as fast for half an hour, not how much it
 * takes. A third of the run then holds about 12 submissions, 100 actions and 6 deadlines on each side, so
 * the per-kind percentiles are coarse and the all-operations figure is the one to read; BENCH_MULTIPLIER
 * raises every rate alike.
 *
 * The work, open-loop (each operation is sent at its time whether or not the earlier ones have
 * answered, so a system that falls behind shows as lower throughput and longer latency). NGK's requests
 * each carry an Idempotency-Key, as the web UI's do (BENCH_IDEMPOTENCY=off sends none):
 * - submissions at the steady rate, POST /api/recommendations as cadre.phule (propaganda, Phú Lễ);
 * - each item's actions as the Propaganda Board's officer: acknowledge a quarter of a day after it
 *   was submitted, progress notes every half day, resolve (one in three "planned" with a plan date a year
 *   on, so it stays open awaiting verification, as long-lived items do), then the cadre accepts;
 * - one item in BENCH_WEEK_SUBMISSIONS / BENCH_WEEK_DEADLINES is left alone until its acknowledgement
 *   deadline has escalated it (level 1), then takes the same actions from a quarter day after it.
 * Deadlines are counted by the escalation event in the read model, their latency from the deadline to the
 * stored event. The items run on a shortened clock (BENCH_DAY_SECONDS, 10: a day lasts 10 s, with the
 * real calendar's weekends and holidays) so their deadlines fall due within the run; the seeded policy
 * gives 2 working days to acknowledge and 15 to resolve.
 *
 * The bare side, same server, same rate, same schedule (bench/workflows/bare.ts, bareItemWorkflow):
 * update-with-start for a submission, an Update for each action, a timer as the deadline, which the first
 * action cancels or which fires 2.5 shortened days after the start for the items left alone.
 *
 * The schedule starts BENCH_WARMUP_SECONDS (8 shortened days) before the measured run, so that every
 * stream runs at its steady rate when the first third opens; operations due after the end are not sent.
 *
 * Real parts: a Temporal server (the dev server in memory, or with NGK_TEMPORAL=server the real server on
 * PostgreSQL), PostgreSQL (a fresh database, dropped afterwards), and in this one process: the API over
 * HTTP, the NGK worker, the bare worker and the load. RSS is this process's: all four of them.
 *
 *   npm run bench:endurance        BENCH_MINUTES=3 npm run bench:endurance
 *   BENCH_MULTIPLIER=100 BENCH_MINUTES=10 npm run bench:endurance
 */
import { Client as TemporalClient, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { recommendationWorkflowId } from '@ngk/temporal';
import {
  Cleanups,
  cpuMeter,
  type CpuShare,
  describeCpu,
  idempotency,
  log,
  percentile,
  postJson,
  propagandaSubmission,
  provideServers,
  query,
  recordResult,
  round,
  runBench,
  signIn,
  startBareTemporal,
  startNgkForCadre,
} from './lib/harness';
import { bareAct, bareEscalatedAt, bareSubmit } from './workflows/bare';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);

const MINUTES = env('BENCH_MINUTES', 30);
const DAY_SECONDS = env('BENCH_DAY_SECONDS', 10);
const MULTIPLIER = env('BENCH_MULTIPLIER', 10);
const WEEK = {
  submissions: env('BENCH_WEEK_SUBMISSIONS', 300),
  actions: env('BENCH_WEEK_ACTIONS', 2400),
  deadlines: env('BENCH_WEEK_DEADLINES', 150),
  hours: env('BENCH_WEEK_HOURS', 40),
};
const WARMUP_SECONDS = env('BENCH_WARMUP_SECONDS', 8 * DAY_SECONDS);
const GOAL_RATIO = 0.95;
const CLOCK_START = '2026-03-02T08:00:00+07:00';
const MIB = 1024 ** 2;

/** Per second, at the multiplier, within the week's office hours. */
const rate = (perWeek: number): number => (perWeek * MULTIPLIER) / (WEEK.hours * 3600);
const SUBMISSIONS_PER_SECOND = rate(WEEK.submissions);
/** Actions each item takes: acknowledge, progress notes, resolve, feedback. */
const ACTIONS_PER_ITEM = Math.max(3, Math.round(WEEK.actions / WEEK.submissions));
const LATE_SHARE = Math.min(1, WEEK.deadlines / WEEK.submissions);
const DAY_MS = DAY_SECONDS * 1000;
/** The bare side's deadline, after its start: about when NGK's 2-working-day acknowledgement falls. */
const BARE_DEADLINE_MS = 2.5 * DAY_MS;

type Side = 'ngk' | 'bare';
type Kind = 'submission' | 'action' | 'deadline';

interface Operation {
  side: Side;
  kind: Kind;
  /** When it completed (ms since the epoch) and how long it took. */
  endedAt: number;
  ms: number;
  ok: boolean;
}

/** An operation the schedule offered: sent at `at`, or for a deadline, falling due at `at`. */
interface Offered {
  side: Side;
  kind: Kind;
  at: number;
}

interface WindowFigures {
  /** Operations the schedule offered in the window (sent, or deadlines falling due). */
  offered: number;
  completed: number;
  perSecond: number;
  failed: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

/** Fires `run` at `at` (ms since the epoch), unless the run has been stopped by then. */
class Schedule {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  stopped = false;

  at(at: number, run: () => Promise<void>): void {
    if (this.stopped) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        if (this.stopped) return;
        const running = run().catch((err) => log(`unexpected: ${err}`));
        this.inFlight.add(running);
        void running.finally(() => this.inFlight.delete(running));
      },
      Math.max(0, at - Date.now()),
    );
    this.timers.add(timer);
  }

  /** Sends nothing more, and waits for what was sent. */
  async drain(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}

function summarise(ops: Operation[], offered: Offered[], from: number, to: number): WindowFigures {
  const inside = ops.filter((op) => op.endedAt >= from && op.endedAt < to);
  const ok = inside.filter((op) => op.ok);
  const ms = ok.map((op) => op.ms).sort((a, b) => a - b);
  return {
    offered: offered.filter((o) => o.at >= from && o.at < to).length,
    completed: ok.length,
    perSecond: round(ok.length / ((to - from) / 1000), 4),
    failed: inside.length - ok.length,
    p50Ms: ms.length ? round(percentile(ms, 0.5), 0) : null,
    p95Ms: ms.length ? round(percentile(ms, 0.95), 0) : null,
  };
}

interface Distribution {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

function distribution(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: sorted.length ? percentile(sorted, 0.5) : 0,
    p95: sorted.length ? percentile(sorted, 0.95) : 0,
    max: sorted.length ? sorted[sorted.length - 1] : 0,
  };
}

async function main(): Promise<void> {
  const cleanups = new Cleanups();
  try {
    const servers = await provideServers('endurance', cleanups);
    const { databaseUrl } = servers;
    Object.assign(process.env, {
      NGK_DAY_SECONDS: String(DAY_SECONDS),
      NGK_CLOCK_EPOCH: new Date().toISOString(),
      NGK_CLOCK_START: CLOCK_START,
    });
    const rssAtBoot = process.memoryUsage().rss;
    const bare = await startBareTemporal(servers.temporalAddress, 'ngk-bench-bare-endurance');
    cleanups.add(() => bare.stop());
    const { base, token: cadre } = await startNgkForCadre(servers, cleanups);
    const officer = await signIn(base, 'officer.propaganda');
    const localityUnitId = (
      await query<{ id: string }>(databaseUrl, `SELECT id FROM units WHERE code = 'phu-le'`)
    )[0].id;
    const temporalConnection = await Connection.connect({ address: servers.temporalAddress });
    cleanups.add(() => temporalConnection.close());
    const temporal = new TemporalClient({
      connection: temporalConnection,
      namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    });

    const ops: Operation[] = [];
    /** What the schedule offered, whatever became of it: the load each third's throughput answers. */
    const offered: Offered[] = [];
    const timed = async (side: Side, kind: Kind, call: () => Promise<unknown>): Promise<boolean> => {
      const started = Date.now();
      let ok = true;
      try {
        await call();
      } catch (err) {
        ok = false;
        const failures = ops.filter((op) => !op.ok).length;
        if (failures < 10) log(`${side} ${kind} failed: ${String(err).slice(0, 300)}`);
      }
      const endedAt = Date.now();
      ops.push({ side, kind, endedAt, ms: endedAt - started, ok });
      return ok;
    };

    const schedule = new Schedule();
    const start = Date.now() + 5000 + WARMUP_SECONDS * 1000;
    const end = start + MINUTES * 60_000;
    const third = (end - start) / 3;
    const items = Math.floor(((end - (start - WARMUP_SECONDS * 1000)) / 1000) * SUBMISSIONS_PER_SECOND);
    const ngkItems: { id: string; late: boolean; submittedAt: number }[] = [];
    const bareItems: { workflowId: string; late: boolean; dueAt: number }[] = [];

    /**
     * Item i's actions on one side, from `from` on: acknowledge a quarter day after it, progress every
     * half day, resolve, then the cadre's feedback; each sent at its time, or once the one before it
     * answered if that is later. NGK's item is `id`, the bare one `workflowId`.
     */
    const act = (id: string, path: string, body: unknown, token = officer) =>
      postJson(`${base}/api/recommendations/${id}/${path}`, token, body, 200, idempotency.headers());
    const runActions = (i: number, side: Side, id: string, from: number) => {
      const progress = ACTIONS_PER_ITEM - 3;
      const resolveAt = from + (0.75 + 0.5 * progress) * DAY_MS;
      const steps: { at: number; ngk: () => Promise<unknown> }[] = [
        { at: from + 0.25 * DAY_MS, ngk: () => act(id, 'acknowledge', {}) },
        ...Array.from({ length: progress }, (_, p) => ({
          at: from + (0.75 + 0.5 * p) * DAY_MS,
          ngk: () => act(id, 'progress', { note: `Tiến độ lần ${p + 1}: đã làm việc với xã.` }),
        })),
        {
          at: resolveAt,
          ngk: () =>
            act(id, 'resolve', {
              response: 'Ban đã biên soạn sổ tay hỏi đáp và gửi về xã.',
              ...(i % 3 === 0
                ? { outcome: 'planned', planDate: '2027-06-30', budgetYear: 2027 }
                : { outcome: 'implemented' }),
            }),
        },
        { at: resolveAt + 0.5 * DAY_MS, ngk: () => act(id, 'feedback', { verdict: 'accept' }, cadre) },
      ];
      const next = (n: number): void => {
        if (n >= steps.length) return;
        offered.push({ side, kind: 'action', at: steps[n].at });
        schedule.at(steps[n].at, async () => {
          const ok = await timed(side, 'action', () =>
            side === 'ngk'
              ? steps[n].ngk()
              : temporal.workflow.getHandle(id).executeUpdate(bareAct, { updateId: `act-${n}` }),
          );
          if (ok) next(n + 1);
        });
      };
      next(0);
    };

    let lateSoFar = 0;
    for (let i = 0; i < items; i++) {
      const at = start - WARMUP_SECONDS * 1000 + (i * 1000) / SUBMISSIONS_PER_SECOND;
      const late = Math.floor((i + 1) * LATE_SHARE) > lateSoFar;
      if (late) lateSoFar++;
      offered.push({ side: 'ngk', kind: 'submission', at }, { side: 'bare', kind: 'submission', at });
      schedule.at(at, async () => {
        let body: { id: string; acknowledgeDueAt: string | null } | undefined;
        const ok = await timed('ngk', 'submission', async () => {
          body = await postJson(
            `${base}/api/recommendations`,
            cadre,
            propagandaSubmission(i, localityUnitId),
            201,
            idempotency.headers(),
          );
        });
        if (!ok || !body) return;
        ngkItems.push({ id: body.id, late, submittedAt: at });
        const from = late ? Date.parse(body.acknowledgeDueAt ?? '') : Date.now();
        if (!Number.isFinite(from)) return log(`item ${body.id} has no acknowledgement deadline`);
        if (late) offered.push({ side: 'ngk', kind: 'deadline', at: from });
        runActions(i, 'ngk', body.id, from);
      });
      schedule.at(at, async () => {
        const workflowId = `bare-item-${i}-${start}`;
        const dueAt = at + BARE_DEADLINE_MS;
        const ok = await timed('bare', 'submission', () =>
          temporal.workflow.executeUpdateWithStart(bareSubmit, {
            startWorkflowOperation: new WithStartWorkflowOperation('bareItemWorkflow', {
              taskQueue: bare.taskQueue,
              workflowId,
              args: [dueAt, ACTIONS_PER_ITEM],
              workflowIdConflictPolicy: 'USE_EXISTING',
            }),
          }),
        );
        if (!ok) return;
        bareItems.push({ workflowId, late, dueAt });
        if (late) offered.push({ side: 'bare', kind: 'deadline', at: dueAt });
        runActions(i, 'bare', workflowId, late ? dueAt : Date.now());
      });
    }
    log(
      `${items} items on each side, one every ${(1 / SUBMISSIONS_PER_SECOND).toFixed(1)} s, ${ACTIONS_PER_ITEM} actions each, ` +
        `${Math.round(LATE_SHARE * 100)} % left to escalate; warm-up ${WARMUP_SECONDS} s, then ${MINUTES} min measured`,
    );

    // RSS, every minute of the measured run; CPU, per third.
    const rss: { minute: number; rssMiB: number; heapUsedMiB: number }[] = [];
    const sample = (minute: number) => {
      const memory = process.memoryUsage();
      rss.push({ minute, rssMiB: round(memory.rss / MIB, 0), heapUsedMiB: round(memory.heapUsed / MIB, 0) });
    };
    const cpu: CpuShare[] = [];
    await new Promise((r) => setTimeout(r, Math.max(0, start - Date.now())));
    sample(0);
    let meter = cpuMeter(servers);
    for (let n = 1; n <= 3; n++) {
      setTimeout(
        () => {
          cpu.push(meter.stop());
          meter = cpuMeter(servers);
        },
        start + n * third - Date.now(),
      );
    }
    log(`measuring from now: process RSS ${rss[0].rssMiB} MiB`);
    for (let minute = 1; minute * 60_000 <= end - start; minute++) {
      await new Promise((r) => setTimeout(r, Math.max(0, start + minute * 60_000 - Date.now())));
      sample(minute);
      const done = ops.filter((op) => op.ok && op.endedAt >= start).length;
      log(`minute ${minute}/${MINUTES}: RSS ${rss[rss.length - 1].rssMiB} MiB, ${done} operations completed`);
    }
    while (cpu.length < 3) await new Promise((r) => setTimeout(r, 100));
    await schedule.drain();

    // Deadlines: NGK's from the read model, the bare side's from its workflows.
    const escalations = await query<{ recordedAt: Date; dueAt: string }>(
      databaseUrl,
      `SELECT recorded_at AS "recordedAt", payload->>'dueAt' AS "dueAt"
         FROM recommendation_events
        WHERE type = 'escalated' AND payload->>'level' = '1' AND payload->>'clock' = 'acknowledge'`,
    );
    for (const e of escalations) {
      const endedAt = e.recordedAt.getTime();
      ops.push({ side: 'ngk', kind: 'deadline', endedAt, ms: endedAt - Date.parse(e.dueAt), ok: true });
    }
    for (const item of bareItems.filter((b) => b.late && b.dueAt < end)) {
      const escalatedAt = await temporal.workflow.getHandle(item.workflowId).query(bareEscalatedAt);
      if (escalatedAt !== null) {
        ops.push({
          side: 'bare',
          kind: 'deadline',
          endedAt: escalatedAt,
          ms: escalatedAt - item.dueAt,
          ok: true,
        });
      }
    }
    const lateDue = ngkItems.filter((item) => item.late).length;

    const windows = (side: Side, kind?: Kind) => {
      const ofKind = <T extends { side: Side; kind: Kind }>(list: T[]) =>
        list.filter((op) => op.side === side && (!kind || op.kind === kind));
      const [mine, sent] = [ofKind(ops), ofKind(offered)];
      const first = summarise(mine, sent, start, start + third);
      const last = summarise(mine, sent, end - third, end);
      const share = (w: WindowFigures) => (w.offered > 0 ? w.completed / w.offered : 0);
      return {
        first,
        last,
        whole: summarise(mine, sent, start, end),
        ratio: first.perSecond > 0 ? round(last.perSecond / first.perSecond, 3) : null,
        /** The schedule's own last/first: what an engine that keeps up exactly would score. */
        offeredRatio: first.offered > 0 ? round(last.offered / first.offered, 3) : null,
        /** last/first of the completed share of what was offered: the ratio with the schedule taken out. */
        keptUpRatio: share(first) > 0 ? round(share(last) / share(first), 3) : null,
      };
    };
    const sides = {
      ngk: {
        all: windows('ngk'),
        submissions: windows('ngk', 'submission'),
        actions: windows('ngk', 'action'),
        deadlines: windows('ngk', 'deadline'),
      },
      bare: {
        all: windows('bare'),
        submissions: windows('bare', 'submission'),
        actions: windows('bare', 'action'),
        deadlines: windows('bare', 'deadline'),
      },
    };

    // The read model: every table's size and rows; and the whole databases (Temporal's too on the real server).
    const database = new URL(databaseUrl).pathname.slice(1);
    const tables = await query<{ table: string; totalBytes: string; tableBytes: string; indexBytes: string }>(
      databaseUrl,
      `SELECT c.relname AS table, pg_total_relation_size(c.oid) AS "totalBytes",
              pg_table_size(c.oid) AS "tableBytes", pg_indexes_size(c.oid) AS "indexBytes"
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r'
        ORDER BY pg_total_relation_size(c.oid) DESC`,
    );
    const tableSizes = [];
    for (const t of tables) {
      // Live rows and their mean stored size: what grows with the items, apart from dead rows and pages.
      const [{ rows, rowBytes }] = await query<{ rows: number; rowBytes: number }>(
        databaseUrl,
        `SELECT count(*)::int AS rows, COALESCE(avg(pg_column_size(t.*)), 0)::float AS "rowBytes"
           FROM "${t.table.replace(/"/g, '""')}" t`,
      );
      tableSizes.push({
        table: t.table,
        rows,
        meanRowBytes: round(rowBytes, 0),
        totalBytes: Number(t.totalBytes),
        tableBytes: Number(t.tableBytes),
        indexBytes: Number(t.indexBytes),
      });
    }
    const databases = await query<{ name: string; bytes: string }>(
      databaseUrl,
      `SELECT datname AS name, pg_database_size(datname) AS bytes FROM pg_database
        WHERE datname = $1 OR datname LIKE $1 || '\\_temporal%' ORDER BY datname`,
      [database],
    );

    // Temporal: every item's history (its current run), NGK and bare.
    const histories = async (workflowIds: string[]) => {
      const length: number[] = [];
      const bytes: number[] = [];
      for (const workflowId of workflowIds) {
        const d = await temporal.workflow.getHandle(workflowId).describe();
        // The SDK's numbers, from raw.workflowExecutionInfo.historyLength and historySizeBytes.
        length.push(d.historyLength);
        bytes.push(d.historySize ?? 0);
      }
      return { events: distribution(length), bytes: distribution(bytes) };
    };
    const ngkHistory = {
      all: await histories(ngkItems.map((item) => recommendationWorkflowId(item.id))),
      escalated: await histories(
        ngkItems.filter((item) => item.late).map((item) => recommendationWorkflowId(item.id)),
      ),
    };
    const bareHistory = await histories(bareItems.map((item) => item.workflowId));
    const [statuses] = await query<{
      open: number;
      closed: number;
      planned: number;
      escalatedLevel1: number;
      escalatedLevel2: number;
    }>(
      databaseUrl,
      `SELECT count(*) FILTER (WHERE status NOT IN ('closed', 'planned'))::int AS open,
              count(*) FILTER (WHERE status = 'closed')::int AS closed,
              count(*) FILTER (WHERE status = 'planned')::int AS planned,
              (SELECT count(*)::int FROM recommendation_events
                WHERE type = 'escalated' AND payload->>'level' = '1') AS "escalatedLevel1",
              (SELECT count(*)::int FROM recommendation_events
                WHERE type = 'escalated' AND payload->>'level' = '2') AS "escalatedLevel2"
         FROM recommendations`,
    );

    const rssStart = rss[0].rssMiB;
    const rssEnd = rss[rss.length - 1].rssMiB;
    const line = (label: string, w: ReturnType<typeof windows>) =>
      `  ${label.padEnd(24)} first ${String(w.first.completed).padStart(5)} of ${String(w.first.offered).padStart(5)} (${w.first.perSecond.toFixed(3)}/s, p50 ${w.first.p50Ms ?? '-'} ms, p95 ${w.first.p95Ms ?? '-'} ms)` +
      `   last ${String(w.last.completed).padStart(5)} of ${String(w.last.offered).padStart(5)} (${w.last.perSecond.toFixed(3)}/s, p50 ${w.last.p50Ms ?? '-'} ms, p95 ${w.last.p95Ms ?? '-'} ms)` +
      `   last/first ${w.ratio ?? '-'} (offered ${w.offeredRatio ?? '-'})${w.whole.failed ? `   ${w.whole.failed} failed` : ''}`;
    const ratio = sides.ngk.all.ratio ?? 0;
    const keptUp = sides.ngk.all.keptUpRatio ?? 0;
    const verdict = (r: number) => (r >= GOAL_RATIO ? 'within the goal' : 'below the goal');
    const kib = (v: number) => `${round(v / 1024, 1)} KiB`;
    console.log(`
endurance on the ${servers.temporalKind} Temporal: ${MINUTES} min measured after ${WARMUP_SECONDS} s of warm-up, a day lasting ${DAY_SECONDS} s
  rate (${MULTIPLIER}× a busiest week of ${WEEK.submissions} submissions, ${WEEK.actions} actions, ${WEEK.deadlines} deadlines in ${WEEK.hours} h):
    ${(SUBMISSIONS_PER_SECOND * 3600).toFixed(1)} submissions/h, ${(SUBMISSIONS_PER_SECOND * ACTIONS_PER_ITEM * 3600).toFixed(0)} actions/h, ${(SUBMISSIONS_PER_SECOND * LATE_SHARE * 3600).toFixed(1)} deadlines/h on each side
  NGK's ${idempotency.described()}
  operations completed of those the schedule offered (sent, or deadlines falling due), first third against last third:
${line('NGK, all', sides.ngk.all)}
${line('  submissions', sides.ngk.submissions)}
${line('  actions', sides.ngk.actions)}
${line('  deadlines (escalated)', sides.ngk.deadlines)}
${line('bare Temporal, all', sides.bare.all)}
${line('  submissions', sides.bare.submissions)}
${line('  actions', sides.bare.actions)}
${line('  deadlines (timer)', sides.bare.deadlines)}
  NGK last/first ${ratio} (goal ≥ ${GOAL_RATIO}) ${verdict(ratio)}; bare Temporal last/first ${sides.bare.all.ratio ?? '-'}
  the schedule itself offered last/first ${sides.ngk.all.offeredRatio ?? '-'} (NGK) and ${sides.bare.all.offeredRatio ?? '-'} (bare): with it taken out
  (the completed share of what was offered, last third against first), NGK ${keptUp} ${verdict(keptUp)}, bare ${sides.bare.all.keptUpRatio ?? '-'}
  process RSS (API + NGK worker + bare worker + load): boot ${round(rssAtBoot / MIB, 0)} MiB, start ${rssStart} MiB, end ${rssEnd} MiB, max ${Math.max(...rss.map((r) => r.rssMiB))} MiB
  items: ${ngkItems.length} NGK (${lateDue} left to escalate; now ${statuses.open} open, ${statuses.planned} planned, ${statuses.closed} closed; escalations ${statuses.escalatedLevel1} to level 1, ${statuses.escalatedLevel2} to level 2), ${bareItems.length} bare
  Temporal history per NGK item (current run): events p50 ${ngkHistory.all.events.p50}, p95 ${ngkHistory.all.events.p95}, max ${ngkHistory.all.events.max}; size p50 ${kib(ngkHistory.all.bytes.p50)}, p95 ${kib(ngkHistory.all.bytes.p95)}, max ${kib(ngkHistory.all.bytes.max)}
    escalated items: events p50 ${ngkHistory.escalated.events.p50}, max ${ngkHistory.escalated.events.max}; size p50 ${kib(ngkHistory.escalated.bytes.p50)}, max ${kib(ngkHistory.escalated.bytes.max)}
    bare items: events p50 ${bareHistory.events.p50}, max ${bareHistory.events.max}; size p50 ${kib(bareHistory.bytes.p50)}, max ${kib(bareHistory.bytes.max)}
  PostgreSQL (read model), largest tables:
${tableSizes
  .slice(0, 12)
  .map(
    (t) =>
      `    ${t.table.padEnd(32)} ${String(t.rows).padStart(7)} rows of ${String(t.meanRowBytes).padStart(5)} B   ${kib(t.tableBytes).padStart(10)} table   ${kib(t.indexBytes).padStart(10)} indexes`,
  )
  .join('\n')}
  databases: ${databases.map((d) => `${d.name} ${round(Number(d.bytes) / MIB, 1)} MiB`).join(', ')}
  CPU per third:
${cpu.map((c, n) => `    ${n + 1}: ${describeCpu(c)}`).join('\n')}`);
    recordResult(
      'endurance',
      {
        minutes: MINUTES,
        warmupSeconds: WARMUP_SECONDS,
        daySeconds: DAY_SECONDS,
        assumedBusiestWeek: { communes: 100, ...WEEK },
        multiplier: MULTIPLIER,
        perHour: {
          submissions: round(SUBMISSIONS_PER_SECOND * 3600, 1),
          actions: round(SUBMISSIONS_PER_SECOND * ACTIONS_PER_ITEM * 3600, 1),
          deadlines: round(SUBMISSIONS_PER_SECOND * LATE_SHARE * 3600, 1),
        },
        actionsPerItem: ACTIONS_PER_ITEM,
        idempotencyKey: idempotency.on,
        goalRatio: GOAL_RATIO,
        ratio: sides.ngk.all.ratio,
        bareRatio: sides.bare.all.ratio,
        offeredRatio: sides.ngk.all.offeredRatio,
        keptUpRatio: sides.ngk.all.keptUpRatio,
        bareKeptUpRatio: sides.bare.all.keptUpRatio,
        ngk: sides.ngk,
        bare: sides.bare,
        items: { ngk: ngkItems.length, late: lateDue, bare: bareItems.length, ...statuses },
        rss: {
          what: 'this process: the API, the NGK worker, the bare worker and the load generator',
          bootMiB: round(rssAtBoot / MIB, 0),
          startMiB: rssStart,
          endMiB: rssEnd,
          perMinute: rss,
        },
        postgres: { tables: tableSizes, databases: databases.map((d) => ({ ...d, bytes: Number(d.bytes) })) },
        temporalHistory: { ngk: ngkHistory, bare: bareHistory },
        cpu,
      },
      servers.postgresVersion,
    );
  } finally {
    await cleanups.run();
  }
}

runBench(main);
