import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import { logTransport, type LogSettings } from '@ngk/config';

/** What never reaches a log line: credentials in headers, passwords and tokens in bodies. */
export const LOG_REDACTIONS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body.password',
  'res.body.accessToken',
];

/** Probes and scrapes arrive every few seconds and say nothing a metric does not: not logged. */
export const UNLOGGED_PATHS = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/** A caller's request id is kept only when it is short and plain; anything else could flood logs and the audit. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The caller's X-Request-Id when it is safe to log and store, else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * JSON logs (readable lines on a terminal, see LOG_FORMAT) with a request id on every line: the
 * caller's X-Request-Id when it sends a safe one, else a new one, echoed back so a report can quote it.
 */
export function apiLoggerParams(settings: LogSettings): Params {
  return {
    pinoHttp: {
      level: settings.LOG_LEVEL,
      name: 'ngk-api',
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const id = requestIdFrom(req.headers['x-request-id']);
        res.setHeader('x-request-id', id);
        return id;
      },
      redact: { paths: LOG_REDACTIONS, censor: '[redacted]' },
      autoLogging: { ignore: (req: IncomingMessage) => UNLOGGED_PATHS.has((req.url ?? '').split('?')[0]) },
      transport: logTransport(settings, process.stdout.isTTY === true),
    },
  };
}
