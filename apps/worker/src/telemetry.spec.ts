import pino from 'pino';
import { Writable } from 'node:stream';
import { runtimeOptions, sdkMetricsAddress, temporalLogger } from './telemetry';

describe('worker telemetry', () => {
  const env = { HOST: '127.0.0.1', WORKER_METRICS_PORT: 9464, LOG_LEVEL: 'info' as const };

  it('puts the SDK metrics on HOST:WORKER_METRICS_PORT, none when it is 0', () => {
    expect(sdkMetricsAddress(env)).toBe('127.0.0.1:9464');
    expect(sdkMetricsAddress({ ...env, HOST: '::' })).toBe('[::]:9464');
    expect(sdkMetricsAddress({ ...env, WORKER_METRICS_PORT: 0 })).toBeUndefined();
    const silent = pino({ level: 'silent' });
    expect(runtimeOptions(env, silent).telemetryOptions?.metrics).toEqual({
      prometheus: { bindAddress: '127.0.0.1:9464' },
    });
    expect(
      runtimeOptions({ ...env, WORKER_METRICS_PORT: 0 }, silent).telemetryOptions?.metrics,
    ).toBeUndefined();
  });

  it("forwards Core's warnings, and its debug lines when LOG_LEVEL asks for them", () => {
    const silent = pino({ level: 'silent' });
    expect(runtimeOptions(env, silent).telemetryOptions?.logging).toEqual({
      forward: {},
      filter: expect.stringContaining('temporalio_sdk_core=WARN'),
    });
    const debug = runtimeOptions({ ...env, LOG_LEVEL: 'debug' }, silent).telemetryOptions?.logging;
    expect(debug?.filter).toEqual(expect.stringContaining('temporalio_sdk_core=DEBUG'));
  });

  it('writes SDK log entries as pino lines at the same level, with their metadata', () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const logger = temporalLogger(pino({ level: 'debug' }, sink));
    logger.warn('Workflow task failed', { taskQueue: 'q' });
    logger.trace('not written below debug');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'Workflow task failed',
        taskQueue: 'q',
        component: 'temporal',
      }),
    ]);
  });
});
