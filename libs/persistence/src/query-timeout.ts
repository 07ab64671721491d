import type { Queryable } from './returning';

/** SQLSTATE query_canceled: statement_timeout ran out (or an operator cancelled the statement). */
const QUERY_CANCELED = '57014';

/**
 * True when PostgreSQL cancelled a statement that ran too long, so the request was fine but the
 * database too slow or too busy for it now. Looks through TypeORM's QueryFailedError and `cause` chains.
 */
export function isQueryTimeout(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, driverError, cause } = error as { code?: unknown; driverError?: unknown; cause?: unknown };
  if (code === QUERY_CANCELED) return true;
  return [driverError, cause].some((e) => e !== error && isQueryTimeout(e, depth + 1));
}

/** Gives the statements of the transaction `manager` runs a bound of their own, until it ends. */
export async function boundTransactionStatements(manager: Queryable, timeoutMs: number): Promise<void> {
  await manager.query(`SELECT set_config('statement_timeout', $1, true)`, [`${timeoutMs}ms`]);
}
