import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ChildProcess } from 'node:child_process';
import { spawnWorkerProcess } from '../../scripts/lib/worker-process';

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
