import type { INestApplication } from '@nestjs/common';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import request, { type Response } from 'supertest';
import { migrateDatabase } from '../../scripts/lib/database';
import { provideDatabase } from '../../scripts/lib/postgres';
import { spawnWorker, startApi } from '../support/apps';
import { examples } from '../support/examples';
import { expectEachRoutedOnce } from './routed-once';
import { client, DEMO_PASSWORD, tokenFor } from '../support/http';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';

/** Submissions in flight: `npm test` sends a short burst, `npm run test:faults` the full 300. */
const COUNT = Number(process.env.NGK_FAULTS_SUBMISSIONS ?? 30);
const CONCURRENCY = 8;
/** How long PostgreSQL stays down, counted from the moment it stopped. */
const DOWN_MS = 5000;
/** A request in flight or sent while the database is down is answered within this. */
const PROMPT_MS = 3000;
const ENV = ['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'TEMPORAL_TASK_QUEUE'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const UNAVAILABLE = {
  statusCode: 503,
  error: 'Service Unavailable',
  message: expect.stringMatching(/database is unavailable.*retry/),
  code: 'database.unavailable',
};

/**
 * PostgreSQL stopped (fast shutdown, as an operator's restart) in the middle of a burst of submissions,
 * then started again. It is a cluster of this file's own: the shared server stays up for the others.
 */
describe('faults: PostgreSQL restarted during submissions', () => {
  const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
  let postgres: PrivatePostgres | undefined;
  let api: INestApplication | undefined;
  let worker: ChildProcess | undefined;
  let workerExit: string | undefined;
  let workerOutput = '';

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    const urls = await provideDatabase(postgres, 'ngk_fault');
    await migrateDatabase(urls, { seed: true, demo: true });
    // A task queue of its own: only the worker of this database serves it.
    Object.assign(process.env, {
      DATABASE_URL: urls.app,
      DATABASE_MIGRATION_URL: urls.owner,
      TEMPORAL_TASK_QUEUE: 'ngk-faults-postgres-restart',
    });
    // Its own process, so a crash shows as an exit rather than taking the test down.
    worker = await spawnWorker();
    const keep = (chunk: Buffer) => (workerOutput = (workerOutput + chunk.toString()).slice(-4000));
    worker.stdout!.on('data', keep);
    worker.stderr!.on('data', keep);
    worker.once('exit', (code, signal) => (workerExit = `exit code ${code}, signal ${signal}`));
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

  it(
    `answers 503 while it is down and routes every one of ${COUNT} submissions once it is back`,
    async () => {
      const http = client(api!);
      const server = api!.getHttpServer();
      await Promise.all([tokenFor(api!, 'cadre.phongnam'), tokenFor(api!, 'admin')]);
      const base = (await examples()).propaganda;
      const run = randomUUID().slice(0, 8);
      /** Every request of the test, with when it was sent and answered. */
      const attempts: { status: number; sent: number; answered: number }[] = [];
      const timed = async (call: () => Promise<Response>) => {
        const sent = Date.now();
        try {
          const res = await call();
          attempts.push({ status: res.status, sent, answered: Date.now() });
          return res;
        } catch (err) {
          attempts.push({ status: 0, sent, answered: Date.now() }); // the connection was lost
          throw err;
        }
      };
      const results: { status: number; id: string; attempts: number; answered: number }[] = [];
      const send = (i: number) =>
        timed(() => http.submit('cadre.phongnam', { ...base, title: `Sự cố ${run} #${i}` }, `${run}-${i}`));
      /** One submission as a client sends it: on 503 or a lost connection, again after Retry-After. */
      const submit = async (i: number) => {
        for (let attempt = 1; ; attempt++) {
          const res = await send(i).catch(() => undefined);
          if ((res && res.status !== 503) || attempt === 20)
            return { status: res?.status ?? 0, id: res?.body.id, attempts: attempt, answered: Date.now() };
          await sleep(Number(res?.headers['retry-after'] ?? 1) * 1000);
        }
      };
      let next = 0;
      let answered = 0;
      const sender = async () => {
        while (next < COUNT) {
          const i = next++;
          results[i] = await submit(i);
          answered++;
        }
      };

      const down: { read?: Response; login?: Response; submission?: Response; health?: Response } = {};
      let stoppedAt = 0;
      let restartedAt = 0;
      const outage = async () => {
        while (answered < COUNT / 3) await sleep(20);
        stoppedAt = Date.now();
        await postgres!.stop();
        try {
          down.read = await timed(() => http.list({}));
          down.login = await timed(() =>
            request(server).post('/api/auth/login').send({ username: 'admin', password: DEMO_PASSWORD }),
          );
          down.submission = await send(COUNT);
          down.health = await timed(() => request(server).get('/health'));
          await sleep(stoppedAt + DOWN_MS - Date.now());
        } finally {
          await postgres!.start();
          restartedAt = Date.now();
        }
        // The submission refused while it was down goes through, with the same key, once it is back.
        const again = await submit(COUNT);
        results[COUNT] = { ...again, attempts: again.attempts + 1 };
      };
      await Promise.all([...Array.from({ length: CONCURRENCY }, sender), outage()]);

      // While it was down: a clear 503 with Retry-After, signed in or signing in; health names the database.
      for (const res of [down.read!, down.login!, down.submission!]) {
        expect(res.status).toBe(503);
        expect(res.body).toEqual(UNAVAILABLE);
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
      expect(down.health!.status).toBe(503);
      expect(down.health!.body.details.database).toEqual({ status: 'down', message: expect.any(String) });
      expect(down.health!.body.details.database.message).not.toBe('');
      expect(down.health!.body.details.temporal.status).toBe('up');
      // No request waited the outage out: how long each spent waiting while the database was down.
      const waitedMs = attempts
        .filter((a) => a.sent < restartedAt && a.answered > stoppedAt)
        .map((a) => Math.min(a.answered, restartedAt) - Math.max(a.sent, stoppedAt));
      expect(Math.max(...waitedMs)).toBeLessThan(PROMPT_MS);

      expect(attempts.map((a) => a.status)).not.toContain(500);
      expect(results.map((r) => r.status)).toEqual(new Array(COUNT + 1).fill(201));
      // The worker lived through it: its database calls failed and Temporal retried them.
      if (workerExit) throw new Error(`the worker stopped (${workerExit}):\n${workerOutput}`);

      // Every accepted item routed exactly once, its events numbered 1…n, its people told once.
      await expectEachRoutedOnce(results.map((r) => r.id));

      const retried = results.filter((r) => r.attempts > 1);
      const sentWhileDown = attempts.filter((a) => a.sent >= stoppedAt && a.answered <= restartedAt);
      const count = (status: number) => attempts.filter((a) => a.status === status).length;
      console.log(
        [
          `PostgreSQL down ${restartedAt - stoppedAt} ms: ${count(503)} answers 503, ${count(0)} lost ` +
            `connections, ${count(500)} answers 500; requests sent while it was down answered in ` +
            `${Math.max(...sentWhileDown.map((a) => a.answered - a.sent))} ms at most, those in flight ` +
            `waited ${Math.max(...waitedMs)} ms at most`,
          `${retried.length} submissions retried with their key, all 201 within ` +
            `${Math.max(0, ...retried.map((r) => r.answered - restartedAt))} ms of the restart`,
        ].join('; '),
      );
    },
    120_000 + COUNT * 1000,
  );
});
