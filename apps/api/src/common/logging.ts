import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';

/** What never reaches a log line: credentials in headers, passwords and tokens in bodies. */
export const LOG_REDACTIONS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body.password',
  'res.body.accessToken',
];

/**
 * JSON logs with a request id on every line: the caller's X-Request-Id when it sends one, else a new
 * one, echoed back in the response so a report can quote it.
 */
export function apiLoggerParams(level: string): Params {
  return {
    pinoHttp: {
      level,
      name: 'ngk-api',
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const id = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      redact: { paths: LOG_REDACTIONS, censor: '[redacted]' },
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
    },
  };
}
