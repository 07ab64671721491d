import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ChildProcess } from 'node:child_process';
import { migrateDatabase } from '../../scripts/lib/database';
import { dropDatabase, ensureDatabase, withDatabase } from '../../scripts/lib/postgres';
import { spawnWorkerProcess } from '../../scripts/lib/worker-process';
import { DatabaseFingerprint } from './db-fingerprint';

/**
 * The real apps, in-process, configured from the environment that global setup filled. Modules are
 * required lazily so a test can change the environment first.
 */
export async function startApi(): Promise<INestApplication> {
  const { AppModule } = await import('../../apps/api/src/app.module');
  const { configureApp } = await import('../../apps/api/src/configure-app');
  // As main.ts builds it: a testing module would not serve the static web UI.
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  configureApp(app);
  await app.init();
  return app;
}

export async function startWorker(): Promise<INestApplicationContext> {
  const { WorkerModule } = await import('../../apps/worker/src/worker.module');
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  await app.init();
  return app;
}

/**
 * The worker as its own process (`apps/worker/src/main.ts`), for tests that must kill it without warning.
 * Resolves once it polls its task queue.
 */
export function spawnWorker(): Promise<ChildProcess> {
  return spawnWorkerProcess(
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'],
    process.env,
  );
}

/** The worker and the API for one test file: started before its tests, closed after them. */
export function useApps(): { readonly api: INestApplication; readonly worker: INestApplicationContext } {
  const apps: { api?: INestApplication; worker?: INestApplicationContext } = {};
  beforeAll(async () => {
    apps.worker = await startWorker();
    apps.api = await startApi();
  });
  afterAll(async () => {
    await apps.api?.close();
    await apps.worker?.close();
  });
  return {
    get api() {
      return apps.api!;
    },
    get worker() {
      return apps.worker!;
    },
  };
}

/**
 * The worker and the API on a database and a task queue of the file's own, for tests that must see every
 * row the apps write: the database the other files share changes under them. The database is created,
 * migrated and seeded before the file's tests and dropped after them; the environment is restored.
 */
export function useAppsOnOwnDatabase(label: string) {
  const taskQueue = `ngk-${label}-test`;
  const saved = {
    DATABASE_URL: process.env.DATABASE_URL,
    TEMPORAL_TASK_QUEUE: process.env.TEMPORAL_TASK_QUEUE,
  };
  const adminUrl = withDatabase(process.env.DATABASE_URL!, 'postgres');
  const name = `ngk_test_${label}_${process.pid}_${Date.now().toString(36)}`;
  const own: { databaseUrl?: string; fingerprint?: DatabaseFingerprint } = {};
  beforeAll(async () => {
    own.databaseUrl = await ensureDatabase(adminUrl, name);
    await migrateDatabase(own.databaseUrl, { seed: true, demo: true });
    own.fingerprint = await DatabaseFingerprint.connect(own.databaseUrl);
    Object.assign(process.env, { DATABASE_URL: own.databaseUrl, TEMPORAL_TASK_QUEUE: taskQueue });
  });
  const apps = useApps();
  afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await own.fingerprint?.close();
    await dropDatabase(adminUrl, name);
  });
  return {
    get api() {
      return apps.api;
    },
    get worker() {
      return apps.worker;
    },
    /** Fingerprints of every table of the database. */
    get fingerprint() {
      return own.fingerprint!;
    },
    taskQueue,
  };
}
