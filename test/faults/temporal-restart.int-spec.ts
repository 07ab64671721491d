import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { searchAttributeRegistrations } from '@ngk/temporal';
import { provideTemporal, type ProvidedTemporal } from '../../scripts/lib/temporal';
import { startApi, startWorker } from '../support/apps';
import { shortClockEnv } from '../support/clock';
import { examples } from '../support/examples';
import { sql, testPostgres } from '../support/fixtures';
import { client, eventually } from '../support/http';

const ENV = [
  'TEMPORAL_ADDRESS',
  'TEMPORAL_TASK_QUEUE',
  'NGK_DAY_SECONDS',
  'NGK_CLOCK_EPOCH',
  'NGK_CLOCK_START',
];

/** The Temporal server stopped and started again on the same state while timers are pending. */
describe('faults: Temporal restarted with timers pending', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ngk-temporal-restart-'));
  const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
  let temporal: ProvidedTemporal;
  let api: INestApplication;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    // The dev server keeps its state in a file of dir; the real server in databases of this test's own.
    temporal = await provideTemporal({
      postgresAdminUrl: testPostgres().adminUrl,
      name: `ngk_temporal_restart_${process.pid}_${Date.now().toString(36)}`,
      stateDir: dir,
      keepState: false,
      searchAttributes: searchAttributeRegistrations(),
      log: () => undefined,
    });
    Object.assign(process.env, {
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: 'ngk-faults-temporal-restart',
      // One day lasts a second, from a Monday morning: an urgent item reaches level 2 in a few seconds.
      ...shortClockEnv(1),
    });
    worker = await startWorker();
    api = await startApi();
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await temporal?.stop();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fires the escalation timers once the server is back', async () => {
    const http = client(api);
    const urgent = {
      ...(await examples()).propaganda,
      urgency: 'urgent',
      title: 'Sự cố: Temporal khởi động lại',
    };
    const submitted = await http.submit('cadre.phongnam', urgent);
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;

    // Past the acknowledgement deadline and the grace period while no server runs.
    let downAt = new Date();
    await temporal.restart(async () => {
      downAt = new Date();
      await new Promise((r) => setTimeout(r, 4000));
    });

    const escalations = await eventually(
      () =>
        sql<{ level: number; occurred_at: Date }>(
          `SELECT (payload->>'level')::int AS level, occurred_at FROM recommendation_events
            WHERE recommendation_id = $1 AND type = 'escalated' ORDER BY seq`,
          [id],
        ),
      (rows) => rows.some((r) => r.level === 2),
      // The worker's polls back off while the server is down and come back on their own schedule: once,
      // with the real server restarted beside four other test files, they were still being retried near
      // the end of a one-minute wait, and nothing had escalated yet.
      150_000,
    );
    expect(escalations.map((e) => e.level)).toEqual([1, 2]);
    // Level 2 came after the restart: its timer was kept in the server's database and fired then. An
    // event's time is its workflow task's start, which no stopped server gives; the moment the restart
    // returns is no bound, as the server may fire the timer while it is still being waited for.
    expect(escalations[1].occurred_at.getTime()).toBeGreaterThanOrEqual(downAt.getTime());
  }, 240_000);
});
