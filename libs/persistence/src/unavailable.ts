/**
 * PostgreSQL error codes that mean the server cannot be reached or is going away, not that the request
 * was wrong: class 08 (connection exception) and the operator-intervention codes of a shutdown or start.
 */
const UNAVAILABLE_SQLSTATE = /^08[0-9A-Z]{3}$/;
const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown: the server was told to stop
  '57P02', // crash_shutdown: another backend crashed and the server is restarting
  '57P03', // cannot_connect_now: the server is starting up or shutting down
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND', // the server's host name is gone, as when its container is stopped
  'EAI_AGAIN',
]);

/** node-postgres and pg-pool report a lost or timed-out connection by message only. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/, // unexpectedly, or due to connection timeout
  /^timeout exceeded when trying to connect$/, // no pool connection within connectionTimeoutMillis
  /^Client has encountered a connection error and is not queryable$/,
  /^Connection is not queryable$/,
];

/**
 * True when an error says the database is unreachable right now, so the same request may succeed once
 * it is back. Looks through TypeORM's QueryFailedError (driverError), `cause` chains and the
 * AggregateError Node raises when every address of a host refuses.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, message, driverError, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code)))
    return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return true;
  const inner = [driverError, cause, ...(Array.isArray(errors) ? errors : [])];
  return inner.some((e) => e !== error && isDatabaseUnavailable(e, depth + 1));
}
