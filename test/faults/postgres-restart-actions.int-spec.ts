import type { INestApplication } from '@nestjs/common';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { migrateDatabase } from '../../scripts/lib/database';
import { provideDatabase } from '../../scripts/lib/postgres';
import { spawnWorker, startApi } from '../support/apps';
import { examples } from '../support/examples';
import { sql } from '../support/fixtures';
import { client, tokenFor } from '../support/http';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';

/** Items acted on while PostgreSQL stops: one action each, sent together with a key of its own. */
const ITEMS = 6;
const DOWN_MS = 4000;
const ENV = ['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'TEMPORAL_TASK_QUEUE'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Actions in flight when PostgreSQL stops, and actions sent while it is down, answer 503 at once; the
 * client retries each with its Idempotency-Key once it is back, and each action is recorded once. A
 * cluster of this file's own: the shared server stays up for the others.
 */
describe('faults: PostgreSQL restarted during actions', () => {
  const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
  let postgres: PrivatePostgres | undefined;
  let api: INestApplication | undefined;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    const urls = await provideDatabase(postgres, 'ngk_fault_actions');
    await migrateDatabase(urls, { seed: true, demo: true });
    Object.assign(process.env, {
      DATABASE_URL: urls.app,
      DATABASE_MIGRATION_URL: urls.owner,
      TEMPORAL_TASK_QUEUE: 'ngk-faults-postgres-actions',
    });
    worker = await spawnWorker();
    api = await startApi();
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await api?.close();
    await postgres?.destroy();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('answers 503 while it is down, and records each retried action once', async () => {
    const http = client(api!);
    await Promise.all([tokenFor(api!, 'cadre.phule'), tokenFor(api!, 'officer.propaganda')]);
    const base = (await examples()).propaganda;
    const ids: string[] = [];
    for (let i = 0; i < ITEMS + 1; i++) {
      const submitted = await http.submit('cadre.phule', { ...base, title: `Sự cố thao tác #${i}` });
      expect(submitted.status).toBe(201);
      ids.push(submitted.body.id);
      expect((await http.act('officer.propaganda', submitted.body.id, 'acknowledge')).status).toBe(200);
    }
    const statuses: number[] = [];
    /** One action as a client sends it: on 503 or a lost connection, again with its key after Retry-After. */
    const act = async (id: string, key: string) => {
      for (let attempt = 1; ; attempt++) {
        const res: Response | undefined = await http
          .act('officer.propaganda', id, 'progress', { note: `Ghi chú ${key}` }, key)
          .catch(() => undefined);
        statuses.push(res?.status ?? 0);
        if ((res && res.status !== 503) || attempt === 30) return res?.status ?? 0;
        await sleep(Number(res?.headers['retry-after'] ?? 1) * 1000);
      }
    };

    const keys = ids.map(() => randomUUID());
    // Six in flight as it stops; the seventh sent while it is down.
    const inFlight = ids.slice(0, ITEMS).map((id, i) => act(id, keys[i]));
    await sleep(30);
    await postgres!.stop();
    let whileDown: Promise<number>;
    try {
      whileDown = act(ids[ITEMS], keys[ITEMS]);
      await sleep(DOWN_MS);
    } finally {
      await postgres!.start();
    }
    const finals = await Promise.all([...inFlight, whileDown]);

    expect(finals).toEqual(ids.map(() => 200));
    expect(statuses).toContain(503);
    expect(statuses).not.toContain(500);
    // Each action once, whatever each attempt heard.
    const recorded = await sql<{ recommendation_id: string; notes: string[] }>(
      `SELECT recommendation_id, array_agg(reason) AS notes FROM recommendation_events
        WHERE type = 'progress' AND recommendation_id = ANY($1) GROUP BY 1`,
      [ids],
    );
    expect(Object.fromEntries(recorded.map((r) => [r.recommendation_id, r.notes]))).toEqual(
      Object.fromEntries(ids.map((id, i) => [id, [`Ghi chú ${keys[i]}`]])),
    );
    console.log(
      `PostgreSQL down ${DOWN_MS} ms: ${statuses.length} attempts for ${ids.length} actions, ` +
        `${statuses.filter((s) => s === 503).length} answered 503, ${statuses.filter((s) => s === 0).length} lost`,
    );
  }, 180_000);
});
