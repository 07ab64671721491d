import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Client, Connection, WorkflowUpdateStage } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { actionUpdates, type ActionRequest } from '@ngk/definitions';
import { recommendationWorkflowId } from '@ngk/temporal';
import { migrateDatabase, queryAt } from '../../scripts/lib/database';
import { provideDatabase } from '../../scripts/lib/postgres';
import { DB_CALLS } from '../../workflows/recommendation/activities';
import { startApi, startWorker } from '../support/apps';
import { examples } from '../support/examples';
import { client } from '../support/http';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';
import { retryCost, TIMER_EVENTS } from '../support/retry-cost';

/** How long PostgreSQL stays down: past the worker's own retries, into the waits on timers. */
const DOWN_MS = 90_000;
const ENV = ['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'TEMPORAL_TASK_QUEUE'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Event types counted, less those of activities: the email chain runs beside the projection, and its
 * activities finish whenever the mail server answers, whatever the database did.
 */
function eventTypes(history: temporal.api.history.v1.IHistory): Map<string, number> {
  const counts = new Map<string, number>();
  for (const event of history.events ?? []) {
    const type = temporal.api.enums.v1.EventType[event.eventType ?? 0].replace(/^EVENT_TYPE_/, '');
    if (!type.startsWith('ACTIVITY_TASK_')) counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return counts;
}

/**
 * An action taken while PostgreSQL is down waits for its projection, retried until the database is back.
 * The retries are written to the item's history; they must cost a few events per wait on a timer, not a
 * workflow task every few seconds. A cluster of this file's own is stopped: the shared server stays up.
 */
describe('faults: an action waits out a PostgreSQL outage', () => {
  const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
  let postgres: PrivatePostgres | undefined;
  let databaseUrl: string;
  let api: INestApplication | undefined;
  let worker: INestApplicationContext | undefined;
  let connection: Connection | undefined;

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    const urls = await provideDatabase(postgres, 'ngk_projection_outage');
    databaseUrl = urls.app;
    await migrateDatabase(urls, { seed: true, demo: true });
    Object.assign(process.env, {
      DATABASE_URL: urls.app,
      DATABASE_MIGRATION_URL: urls.owner,
      TEMPORAL_TASK_QUEUE: 'ngk-faults-projection-outage',
    });
    worker = await startWorker();
    api = await startApi();
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  });

  afterAll(async () => {
    await connection?.close();
    await api?.close();
    await worker?.close();
    await postgres?.destroy();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it(
    `answers once PostgreSQL is back after ${DOWN_MS / 1000} s, its history grown by waits on timers only`,
    async () => {
      const http = client(api!);
      const temporalClient = new Client({ connection: connection! });
      const submit = async (title: string) => {
        const res = await http.submit('cadre.phule', { ...(await examples()).propaganda, title });
        expect(res.status).toBe(201);
        return temporalClient.workflow.getHandle(recommendationWorkflowId(res.body.id));
      };
      const withDatabase = await submit('Xác nhận khi cơ sở dữ liệu chạy');
      const duringOutage = await submit('Xác nhận khi cơ sở dữ liệu ngừng');
      const [officer] = await queryAt<{ id: string; role: string; unit_id: string }>(
        databaseUrl,
        `SELECT id, role, unit_id FROM users WHERE username = 'officer.propaganda'`,
      );
      // As the API sends it; sent to Temporal directly, since the API reads the item from PostgreSQL first.
      const acknowledge: ActionRequest = {
        actor: {
          userId: officer.id,
          role: officer.role as ActionRequest['actor']['role'],
          unitId: officer.unit_id,
        },
        input: { action: 'acknowledge' },
        requestId: null,
      };
      const answered = await withDatabase.executeUpdate(actionUpdates.acknowledge, { args: [acknowledge] });
      // The status and the last event the read model shows, not the whole state: the answer is kept in
      // the item's history once per action.
      expect(answered).toEqual({ status: 'in-progress', lastEventSeq: expect.any(Number) });

      await postgres!.stop();
      const sentAt = Date.now();
      let downMs = 0;
      try {
        const update = await duringOutage.startUpdate(actionUpdates.acknowledge, {
          args: [acknowledge],
          waitForStage: WorkflowUpdateStage.ACCEPTED,
        });
        await sleep(sentAt + DOWN_MS - Date.now());
        await postgres!.start();
        // Every attempt that started within this failed: an upper bound on the waits it took.
        downMs = Date.now() - sentAt;
        expect((await update.result()).status).toBe('in-progress');
      } finally {
        if (!downMs) await postgres!.start();
      }
      const [row] = await queryAt<{ status: string }>(
        databaseUrl,
        'SELECT status FROM recommendations WHERE workflow_id = $1',
        [duringOutage.workflowId],
      );
      expect(row.status).toBe('in-progress');

      // The same action on the same kind of item, with and without the outage: what the outage added.
      const without = eventTypes(await withDatabase.fetchHistory());
      const within = eventTypes(await duringOutage.fetchHistory());
      const added = Object.fromEntries(
        [...new Set([...without.keys(), ...within.keys()])]
          .map((type) => [type, (within.get(type) ?? 0) - (without.get(type) ?? 0)] as const)
          .filter(([, n]) => n !== 0),
      );
      const timers = added.TIMER_FIRED ?? 0;
      // Each wait is a marker for the failed attempt, a timer and the workflow task it wakes; the worker
      // never extended a workflow task while it waited, which would add tasks without timers.
      expect(added).toEqual({
        MARKER_RECORDED: timers,
        TIMER_STARTED: timers,
        TIMER_FIRED: timers,
        WORKFLOW_TASK_SCHEDULED: timers,
        WORKFLOW_TASK_STARTED: timers,
        WORKFLOW_TASK_COMPLETED: timers,
      });
      expect(timers).toBeGreaterThan(0);
      // No more waits than the retry policy takes in that long.
      expect(timers).toBeLessThanOrEqual(retryCost(DB_CALLS, downMs).timers);
      console.log(
        `PostgreSQL down ${downMs} ms: the action's history grew by ${TIMER_EVENTS * timers} events (${timers} waits on timers)`,
      );
    },
    DOWN_MS + 240_000,
  );
});
