import type { ConfigService } from '@nestjs/config';
import type { TransportSingleOptions } from 'pino';
import type { Environment } from './environment';

/** What decides the log format: the variables, and whether stdout is a person's terminal. */
export interface LogFormatInput {
  LOG_FORMAT?: string;
  LOG_LEVEL?: string;
  NODE_ENV?: string;
}

/** The validated settings an app's logger is built from. */
export type LogSettings = Pick<Environment, 'LOG_LEVEL' | 'LOG_FORMAT' | 'NODE_ENV'>;

export function logSettingsFrom(config: ConfigService<Environment, true>): LogSettings {
  return {
    LOG_LEVEL: config.get('LOG_LEVEL', { infer: true }),
    LOG_FORMAT: config.get('LOG_FORMAT', { infer: true }),
    NODE_ENV: config.get('NODE_ENV', { infer: true }),
  };
}

/** Pretty when asked for, else on a TTY outside production; never when nothing is logged. */
export function prettyLogs(env: LogFormatInput, stdoutIsTty: boolean): boolean {
  if (env.LOG_LEVEL === 'silent' || env.NODE_ENV === 'production') return false;
  if (env.LOG_FORMAT === 'pretty' || env.LOG_FORMAT === 'json') return env.LOG_FORMAT === 'pretty';
  return stdoutIsTty;
}

/**
 * pino's transport for readable lines (pino-pretty, in a worker thread), or undefined for JSON on stdout.
 * A request's line reads `GET /api/units → 200 in 4 ms`; request and response objects stay out of it.
 */
export function logTransport(env: LogFormatInput, stdoutIsTty: boolean): TransportSingleOptions | undefined {
  if (!prettyLogs(env, stdoutIsTty)) return undefined;
  return {
    // Resolved here: pino would look for it from whichever file called it.
    target: require.resolve('pino-pretty'),
    options: {
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,req,res,responseTime,context',
      messageFormat:
        '{if context}[{context}] {end}{if req.method}{req.method} {req.url} → {res.statusCode} in {responseTime} ms {end}{msg}',
      singleLine: true,
    },
  };
}
