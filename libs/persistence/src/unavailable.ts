import type { Queryable } from './returning';

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

/** How often a waiting request asks whether PostgreSQL still answers. */
export const DATABASE_PROBE_INTERVAL_MS = 1000;

/**
 * Runs work that cannot finish while PostgreSQL is down (it waits for something to reach the read
 * model), asking the database meanwhile. When the database is unreachable the work is called off (its
 * signal aborts) and the database's error is thrown, so the caller hears of the outage at once instead
 * of waiting it out. Other probe failures are not the outage this watches for, and are ignored.
 */
export async function whileDatabaseAnswers<T>(
  db: Queryable,
  work: (signal: AbortSignal) => Promise<T>,
  intervalMs = DATABASE_PROBE_INTERVAL_MS,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const outage = new Promise<never>((_, reject) => {
    const probe = async () => {
      try {
        await db.query('SELECT 1');
      } catch (err) {
        if (isDatabaseUnavailable(err)) return reject(err);
      }
      if (!controller.signal.aborted) timer = setTimeout(probe, intervalMs);
    };
    timer = setTimeout(probe, intervalMs);
  });
  try {
    return await Promise.race([work(controller.signal), outage]);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
