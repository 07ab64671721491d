import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ChildProcess } from 'node:child_process';
import { migrateDatabase } from '../../scripts/lib/database';
import { dropDatabase, provideDatabase } from '../../scripts/lib/postgres';
import { spawnWorkerProcess, type WorkerPorts } from '../../scripts/lib/worker-process';
import { DatabaseFingerprint } from './db-fingerprint';
import { testPostgres } from './fixtures';

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
 * Resolves once it polls its task queue. Its probes and SDK metrics are off unless `ports` names them.
 */
export function spawnWorker(ports: WorkerPorts = {}): Promise<ChildProcess> {
  return spawnWorkerProcess(
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'],
    process.env,
    undefined,
    ports,
  );
}

/** What a test file needs of the apps; by default the worker and the API, on the shared environment. */
export interface AppsOptions {
  /** Start the in-process worker (default true): files that only call the API, or run their own, say false. */
  worker?: boolean;
  /** Start the API (default true). */
  api?: boolean;
  /**
   * Variables the apps start with (a task queue of the file's own, a shortened clock, an SMTP server's
   * URL), set just before they start and restored after the file; a function is called then, once the
   * file's own earlier `beforeAll` hooks have run.
   */
  env?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
}

/**
 * The apps for one test file: started before its tests, closed after them. The one way test files get
 * them, so every file runs the apps as they ship.
 */
export function useApps(options: AppsOptions = {}) {
  const apps: { api?: INestApplication; worker?: INestApplicationContext } = {};
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    const env = typeof options.env === 'function' ? await options.env() : (options.env ?? {});
    for (const key of Object.keys(env)) saved[key] = process.env[key];
    Object.assign(process.env, env);
    if (options.worker !== false) apps.worker = await startWorker();
    if (options.api !== false) apps.api = await startApi();
  });
  afterAll(async () => {
    await apps.api?.close();
    await apps.worker?.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  return {
    get api() {
      return apps.api!;
    },
    /** The in-process worker now running. */
    get worker() {
      return apps.worker!;
    },
    /** Stops the in-process worker, for a test of what happens while none polls the task queue. */
    async stopWorker() {
      await apps.worker?.close();
      apps.worker = undefined;
    },
    /** Starts a new in-process worker after `stopWorker`. */
    async restartWorker() {
      apps.worker = await startWorker();
    },
  };
}

/**
 * The worker and the API on a database and a task queue of the file's own, for tests that must see every
 * row the apps write, or hold its locks: the database the other files share changes under them. The
 * database is created, migrated and seeded before the file's tests and dropped after them; `env` is set
 * as useApps sets it, and the environment is restored.
 */
export function useAppsOnOwnDatabase(
  label: string,
  env: Record<string, string> | (() => Record<string, string>) = {},
) {
  const taskQueue = `ngk-${label}-test`;
  const postgres = testPostgres();
  const name = `ngk_test_${label}_${process.pid}_${Date.now().toString(36)}`;
  const own: { fingerprint?: DatabaseFingerprint } = {};
  const apps = useApps({
    env: async () => {
      const urls = await provideDatabase(postgres, name);
      await migrateDatabase(urls, { seed: true, demo: true });
      own.fingerprint = await DatabaseFingerprint.connect(urls.owner);
      return {
        // A function is called once the database is ready: a shortened clock starts with the apps.
        ...(typeof env === 'function' ? env() : env),
        DATABASE_URL: urls.app,
        DATABASE_MIGRATION_URL: urls.owner,
        TEMPORAL_TASK_QUEUE: taskQueue,
      };
    },
  });
  afterAll(async () => {
    await own.fingerprint?.close();
    await dropDatabase(postgres.adminUrl, name);
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
