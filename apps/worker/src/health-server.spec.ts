import { probeAnswer } from './health-server';

describe('worker probes', () => {
  it('are live whatever the worker state', () => {
    for (const state of ['STARTING', 'RUNNING', 'STOPPING', 'FAILED'] as const) {
      expect(probeAnswer('/health/live', state, null).status).toBe(200);
    }
  });

  it('are ready only while the worker runs, and say where its metrics are', () => {
    expect(probeAnswer('/health/ready', 'RUNNING', 'http://127.0.0.1:9464/metrics')).toEqual({
      status: 200,
      body: { status: 'ok', workerState: 'RUNNING', metrics: 'http://127.0.0.1:9464/metrics' },
    });
    for (const state of ['STARTING', 'INITIALIZED', 'DRAINING', 'STOPPING', 'STOPPED', 'FAILED'] as const) {
      expect(probeAnswer('/health/ready?verbose', state, null).status).toBe(503);
    }
    expect(probeAnswer('/', 'RUNNING', null).status).toBe(404);
  });
});
