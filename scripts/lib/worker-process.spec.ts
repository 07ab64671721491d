import { spawnWorkerProcess } from './worker-process';

/** A stand-in for the worker that tells which ports it was given, then exits, so the refusal carries it. */
const TELL_PORTS = [
  '-e',
  "console.log('ports', process.env.WORKER_HEALTH_PORT, process.env.WORKER_METRICS_PORT); process.exit(1)",
];

describe('a worker spawned as a process of its own', () => {
  it('has its probes and metrics off, even when the environment it is given names their ports', async () => {
    // What an app started in the caller's process leaves there: its configuration's defaults.
    const env = { ...process.env, WORKER_HEALTH_PORT: '8081', WORKER_METRICS_PORT: '9464' };
    await expect(spawnWorkerProcess(TELL_PORTS, env)).rejects.toThrow(/ports 0 0/);
  });

  it('serves them on the ports the caller asks for', async () => {
    await expect(
      spawnWorkerProcess(TELL_PORTS, process.env, undefined, { health: 18081, metrics: 19464 }),
    ).rejects.toThrow(/ports 18081 19464/);
  });
});
