import pino from 'pino';
import { logTransport, type LogSettings } from '@ngk/config';

let logger: pino.Logger | undefined;

/**
 * The worker's one pino logger: Nest logs through it, and so do the Temporal SDK and its Core (see
 * telemetry.ts), so every line shares one format and one stream. Created once per process.
 */
export function workerLogger(settings: LogSettings): pino.Logger {
  logger ??= pino({
    level: settings.LOG_LEVEL,
    name: 'ngk-worker',
    transport: logTransport(settings, process.stdout.isTTY === true),
  });
  return logger;
}
