import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

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
export async function spawnWorker(): Promise<ChildProcess> {
  const root = path.resolve(__dirname, '../..');
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'],
    { cwd: root, env: { ...process.env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 60_000);
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker polling task queue')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', watch);
    child.stderr!.on('data', watch);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}:\n${output}`));
    });
  });
  return child;
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
