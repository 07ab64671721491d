import { queryAt } from '../../scripts/lib/database';

/** Direct SQL against any database URL. */
export const sqlAt = queryAt;

/** Direct SQL against the test database, to check what the apps wrote. */
export async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return sqlAt<T>(process.env.DATABASE_URL!, text, params);
}

export async function unitId(code: string): Promise<string> {
  const [row] = await sql<{ id: string }>('SELECT id FROM units WHERE code = $1', [code]);
  if (!row) throw new Error(`no unit ${code}`);
  return row.id;
}
