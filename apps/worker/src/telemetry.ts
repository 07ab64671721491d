import { DefaultLogger, makeTelemetryFilterString, Runtime, type RuntimeOptions } from '@temporalio/worker';
import type { LogLevel } from '@temporalio/common';
import type pino from 'pino';
import type { Environment } from '@ngk/config';

const PINO_LEVEL: Record<LogLevel, pino.Level> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** The SDK's logger (its own messages, and Core's once forwarded) writing into pino, which filters by level. */
export function temporalLogger(logger: pino.Logger): DefaultLogger {
  const sdk = logger.child({ component: 'temporal' });
  return new DefaultLogger('TRACE', ({ level, message, meta }) =>
    sdk[PINO_LEVEL[level]](meta ?? {}, message),
  );
}

/** Where the SDK's Prometheus exporter listens, or undefined when WORKER_METRICS_PORT is 0. */
export function sdkMetricsAddress(
  env: Pick<Environment, 'HOST' | 'WORKER_METRICS_PORT'>,
): string | undefined {
  if (env.WORKER_METRICS_PORT === 0) return undefined;
  const host = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  return `${host}:${env.WORKER_METRICS_PORT}`;
}

/**
 * Core's logs forwarded to pino (warnings and errors, more when LOG_LEVEL asks for debug or trace) and
 * the SDK's metrics on their own port.
 */
export function runtimeOptions(
  env: Pick<Environment, 'HOST' | 'WORKER_METRICS_PORT' | 'LOG_LEVEL'>,
  logger: pino.Logger,
): RuntimeOptions {
  const core = env.LOG_LEVEL === 'trace' ? 'TRACE' : env.LOG_LEVEL === 'debug' ? 'DEBUG' : 'WARN';
  const bindAddress = sdkMetricsAddress(env);
  return {
    logger: temporalLogger(logger),
    telemetryOptions: {
      logging: { forward: {}, filter: makeTelemetryFilterString({ core, other: 'ERROR' }) },
      ...(bindAddress ? { metrics: { prometheus: { bindAddress } } } : {}),
    },
  };
}

/** Must run once, before the first NativeConnection: the SDK's runtime is built from it then. */
export function installRuntime(env: Environment, logger: pino.Logger): void {
  Runtime.install(runtimeOptions(env, logger));
}
