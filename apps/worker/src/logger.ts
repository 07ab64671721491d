import pino from 'pino';
import { logTransport } from '@ngk/config';

let logger: pino.Logger | undefined;

/**
 * The worker's one pino logger: Nest logs through it, and so do the Temporal SDK and its Core (see
 * telemetry.ts), so every line shares one format and one stream. Created once per process.
 */
export function workerLogger(): pino.Logger {
  const level = process.env.LOG_LEVEL ?? 'info';
  logger ??= pino({
    level,
    name: 'ngk-worker',
    transport: logTransport({ ...process.env, LOG_LEVEL: level }, process.stdout.isTTY === true),
  });
  return logger;
}
