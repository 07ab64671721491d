/** Anything that runs SQL: a DataSource, an EntityManager, a QueryRunner. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * The rows of an UPDATE or DELETE … RETURNING. TypeORM's PostgreSQL driver answers those as
 * `[rows, affectedCount]` but SELECT and INSERT as plain rows; this gives rows either way.
 */
export async function returning<T = Record<string, unknown>>(
  db: Queryable,
  sql: string,
  parameters: unknown[] = [],
): Promise<T[]> {
  const result = await db.query(sql, parameters);
  const structured =
    Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number';
  return (structured ? result[0] : result) as T[];
}
