import type { INestApplication } from '@nestjs/common';
import type { ChildProcess } from 'node:child_process';
import { freePort } from '../scripts/lib/free-port';
import { WORKER_SDK_SERIES } from '../apps/worker/src/sdk-series';
import { spawnWorker, startApi } from './support/apps';
import { examples } from './support/examples';
import { client, eventually } from './support/http';
import { samplesOf } from './support/prometheus';

const exited = (child: ChildProcess) =>
  new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)));

/** The worker as it ships, in its own process: its probes, its SDK metrics, and how it ends. */
describe('worker process', () => {
  const saved = { ...process.env };
  let api: INestApplication;
  let worker: ChildProcess | undefined;
  let healthPort: number;
  let metricsPort: number;

  beforeAll(async () => {
    [healthPort, metricsPort] = [await freePort(), await freePort()];
    // A task queue of its own: only the worker this file starts serves it.
    process.env.TEMPORAL_TASK_QUEUE = 'ngk-worker-process-test';
    api = await startApi();
    worker = await spawnWorker({ health: healthPort, metrics: metricsPort });
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await api?.close();
    process.env = saved;
  });

  it('is live, and ready once its Temporal worker runs, saying where its metrics are', async () => {
    const live = await fetch(`http://127.0.0.1:${healthPort}/health/live`);
    expect(live.status).toBe(200);
    const ready = await eventually(
      () => fetch(`http://127.0.0.1:${healthPort}/health/ready`),
      (res) => res.status === 200,
    );
    expect(await ready.json()).toEqual({
      status: 'ok',
      workerState: 'RUNNING',
      metrics: `http://127.0.0.1:${metricsPort}/metrics`,
    });
  });

  it('exports the Temporal SDK series the dashboard reads once it has worked', async () => {
    const submitted = await client(api).submit('cadre.hoaloi', { ...(await examples()).road26 });
    expect(submitted.status).toBe(201);
    const names = await eventually(
      async () => {
        const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
        return new Set(samplesOf(await res.text()).map((s) => s.name));
      },
      (found) => WORKER_SDK_SERIES.emittedWhenHealthy.every((name) => found.has(name)),
    );
    expect([...names].every((name) => name.startsWith('temporal_'))).toBe(true);
  });

  it('ends on SIGTERM, its probe server keeping nothing alive', async () => {
    const end = exited(worker!);
    worker!.kill('SIGTERM');
    // Nest closes the application, then lets the signal end the process as it would have.
    expect(await end).toBe('SIGTERM');
    worker = undefined;
  });

  it('exits non-zero when its Temporal worker cannot run, instead of idling', async () => {
    process.env.TEMPORAL_NAMESPACE = 'ngk-no-such-namespace';
    await expect(spawnWorker()).rejects.toThrow(/worker exited with 1/);
  });
});
