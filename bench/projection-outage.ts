/**
 * bench/projection-outage: what a PostgreSQL outage costs the history of items whose projection is
 * waiting for the database. An action's Update answers only once its events are in the read model, so
 * the workflow retries the projection until PostgreSQL is back, and those retries are written to history.
 *
 * 2 × BENCH_ITEMS (100) open recommendations are submitted over HTTP and routed. The first half takes an
 * `acknowledge` while PostgreSQL is up: the histories without an outage. PostgreSQL is then stopped, the
 * second half takes the same `acknowledge`, sent as a Workflow Update straight to Temporal (the API reads
 * the item from PostgreSQL first, so it cannot send it then), and PostgreSQL stays down for
 * BENCH_OUTAGE_SECONDS (600). It is started again and the bench waits until the read model shows every
 * item acknowledged. Printed: history events per item (mean, max) with and without the outage, the
 * events the outage added, their ratio, how many items took the action up while the database was down
 * (each waiting projection may hold one of the worker's workflow task slots), and how long after the
 * restart the last projection landed.
 *
 * Real parts: a Temporal server (the dev server in memory, or with NGK_TEMPORAL=server the real one, its
 * databases on the machine's shared PostgreSQL, which stays up), NGK's database on a PostgreSQL cluster
 * of the bench's own (the one it stops), the API and the worker of this repository in this process.
 *
 *   npm run bench:projection-outage     BENCH_OUTAGE_SECONDS=90 BENCH_ITEMS=20 npm run bench:projection-outage
 */
import { Client, Connection, WorkflowUpdateStage, type WorkflowUpdateHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { actionUpdates, type UpdateOutcome } from '@ngk/definitions';
import { recommendationWorkflowId } from '@ngk/temporal';
import { startPrivatePostgres } from '../test/support/private-postgres';
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
  startWorker,
  unitIdOf,
} from './lib/harness';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100);
const OUTAGE_SECONDS = Number(process.env.BENCH_OUTAGE_SECONDS ?? 600);
const CONCURRENCY = 16;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Histories {
  meanEvents: number;
  maxEvents: number;
  /** Per item, mean count of each event type that differs between the two groups. */
  byType: Record<string, number>;
}

async function main(): Promise<void> {
  const cleanups = new Cleanups();
  try {
    // Added first, so it is destroyed last, after the database on it is dropped.
    const postgres = await startPrivatePostgres();
    cleanups.add(() => postgres.destroy());
    const servers = await provideServers('projection_outage', cleanups, {
      databaseServer: postgres,
    });
    const worker = await startWorker();
    cleanups.add(() => worker.close());
    const api = await startApi();
    cleanups.add(() => api.close());
    const base = await api.getUrl();
    const connection = await Connection.connect({ address: servers.temporalAddress });
    cleanups.add(() => connection.close());
    const workflows = new Client({ connection }).workflow;
    // The actions sent during the outage wait on a connection of their own, which they may fill.
    const updateConnection = await Connection.connect({ address: servers.temporalAddress });
    cleanups.add(() => updateConnection.close());
    const updateWorkflows = new Client({ connection: updateConnection }).workflow;

    const localityUnitId = await unitIdOf(servers.databaseUrl, 'phu-le');
    const cadre = await signIn(base, 'cadre.phule');
    const [officer] = await query<{ id: string; role: string; unit_id: string }>(
      servers.databaseUrl,
      `SELECT id, role, unit_id FROM users WHERE username = 'officer.propaganda'`,
    );
    const ids: string[] = [];
    await pool(2 * ITEMS, CONCURRENCY, async (i) => {
      const answer = await postJson<{ id: string; status: string }>(
        `${base}/api/recommendations`,
        cadre,
        propagandaSubmission(i, localityUnitId),
        201,
      );
      if (answer.status !== 'routed') throw new Error(`submission answered ${answer.status}`);
      ids[i] = answer.id;
    });
    const control = ids.slice(0, ITEMS);
    const outage = ids.slice(ITEMS);
    log(`${2 * ITEMS} recommendations routed`);

    /** The same acknowledge for both groups, as the API sends it, straight to the workflow. */
    const acknowledge = (id: string, client = workflows) =>
      client.getHandle(recommendationWorkflowId(id)).startUpdate(actionUpdates.acknowledge, {
        args: [
          {
            actor: { userId: officer.id, role: officer.role as never, unitId: officer.unit_id },
            input: { action: 'acknowledge' },
            requestId: null,
          },
        ],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
    const answered = async (update: WorkflowUpdateHandle<UpdateOutcome>) => {
      const state = await update.result();
      if (state.status !== 'in-progress') throw new Error(`acknowledge answered ${state.status}`);
    };

    await pool(ITEMS, CONCURRENCY, async (i) => answered(await acknowledge(control[i])));
    log(`${ITEMS} acknowledged with PostgreSQL up`);

    const eventsOf = async (id: string) =>
      (await workflows.getHandle(recommendationWorkflowId(id)).fetchHistory()).events ?? [];
    /** Each item's history length, and whether its workflow has taken the acknowledge up yet. */
    const lengths = async (group: string[]) => {
      const counts: number[] = [];
      let takenUp = 0;
      await pool(group.length, CONCURRENCY, async (i) => {
        const events = await eventsOf(group[i]);
        counts[i] = events.length;
        // The submission is the first Update the workflow accepted, the acknowledge the second.
        if (events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length > 1) takenUp++;
      });
      return { counts, takenUp };
    };
    const before = (await lengths(outage)).counts;

    const stoppedAt = performance.now();
    await postgres.stop();
    log(`PostgreSQL stopped; ${ITEMS} acknowledgements sent, down for ${OUTAGE_SECONDS} s`);
    // Sent, not awaited: a workflow takes an Update up only in a workflow task, and the worker runs a
    // limited number of those at once.
    const updates = outage.map((id) => acknowledge(id, updateWorkflows));
    for (const update of updates) update.catch(() => undefined);
    let takenUpWhileDown = 0;
    for (;;) {
      const left = stoppedAt + OUTAGE_SECONDS * 1000 - performance.now();
      if (left <= 0) break;
      await sleep(Math.min(left, 60_000));
      const { counts, takenUp } = await lengths(outage);
      const grown = counts.map((n, i) => n - before[i]);
      takenUpWhileDown = takenUp;
      log(
        `${Math.round((performance.now() - stoppedAt) / 1000)} s down: ${takenUp} of ${ITEMS} items took ` +
          `the action up; history grew by ${round(grown.reduce((a, b) => a + b, 0) / ITEMS)} events per ` +
          `item (max ${Math.max(...grown)})`,
      );
    }
    await postgres.start();
    const startedAt = performance.now();
    const downSeconds = (startedAt - stoppedAt) / 1000;
    log(`PostgreSQL started again after ${round(downSeconds)} s; waiting for every projection`);
    // Landed when the read model shows the item acknowledged.
    for (;;) {
      const [{ acknowledged }] = await query<{ acknowledged: number }>(
        servers.databaseUrl,
        `SELECT count(*)::int AS acknowledged FROM recommendations WHERE id = ANY($1) AND status = 'in-progress'`,
        [outage],
      );
      if (acknowledged === ITEMS) break;
      await sleep(500);
    }
    const catchUpSeconds = (performance.now() - startedAt) / 1000;
    await pool(ITEMS, CONCURRENCY, async (i) => answered(await updates[i]));
    // Whatever the worker does after the Update answered (the workflow task that returns it) is in.
    await sleep(3000);

    const histories = async (group: string[]) => {
      const all: Awaited<ReturnType<typeof eventsOf>>[] = [];
      await pool(group.length, CONCURRENCY, async (i) => void (all[i] = await eventsOf(group[i])));
      const counts = all.map((events) => events.length);
      const types = new Map<string, number>();
      for (const events of all)
        for (const e of events) {
          const name = temporal.api.enums.v1.EventType[e.eventType ?? 0].replace(/^EVENT_TYPE_/, '');
          types.set(name, (types.get(name) ?? 0) + 1);
        }
      return {
        counts,
        meanEvents: round(counts.reduce((a, b) => a + b, 0) / counts.length),
        maxEvents: Math.max(...counts),
        types,
      };
    };
    const without = await histories(control);
    const withOutage = await histories(outage);
    const byType = (h: Awaited<ReturnType<typeof histories>>, other: typeof h): Histories['byType'] =>
      Object.fromEntries(
        [...new Set([...h.types.keys(), ...other.types.keys()])]
          .filter((t) => h.types.get(t) !== other.types.get(t))
          .sort()
          .map((t) => [t, round((h.types.get(t) ?? 0) / h.counts.length)]),
      );
    const added = withOutage.counts.map((n) => n - without.meanEvents);
    const addedMean = round(withOutage.meanEvents - without.meanEvents);
    const addedMax = round(Math.max(...added));
    const ratio = withOutage.meanEvents / without.meanEvents;
    const perHour = (addedMean / downSeconds) * 3600;
    const fmt = (types: Histories['byType']) =>
      Object.entries(types)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ');
    console.log(`
projection-outage: ${ITEMS} open items acknowledged while PostgreSQL was down ${round(downSeconds)} s, beside ${ITEMS} acknowledged with it up
  history events per item, no outage         mean ${without.meanEvents}   max ${without.maxEvents}
  history events per item, with the outage   mean ${withOutage.meanEvents}   max ${withOutage.maxEvents}
  events the outage added per item           mean ${addedMean}   max ${addedMax}   (${round(perHour)} per hour of outage)
  with / without the outage                  ${ratio.toFixed(2)}×
  items whose workflow took the action up while PostgreSQL was down   ${takenUpWhileDown} of ${ITEMS}
  last projection in the read model          ${round(catchUpSeconds)} s after PostgreSQL was back
  event types per item that differ, no outage:   ${fmt(byType(without, withOutage))}
  event types per item that differ, outage:      ${fmt(byType(withOutage, without))}`);
    recordResult(
      'projection-outage',
      {
        items: ITEMS,
        outageSeconds: round(downSeconds),
        withoutOutage: {
          meanEvents: without.meanEvents,
          maxEvents: without.maxEvents,
          byType: byType(without, withOutage),
        },
        withOutage: {
          meanEvents: withOutage.meanEvents,
          maxEvents: withOutage.maxEvents,
          byType: byType(withOutage, without),
        },
        addedEvents: { mean: addedMean, max: addedMax, perHourOfOutage: round(perHour) },
        ratio: round(ratio, 2),
        catchUpSeconds: round(catchUpSeconds),
        takenUpWhileDown,
      },
      servers.postgresVersion,
    );
  } finally {
    await cleanups.run();
  }
}

runBench(main);
