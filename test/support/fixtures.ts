import { Client } from 'pg';

/** Direct SQL against the test database, to check what the apps wrote. */
export async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return sqlAt<T>(process.env.DATABASE_URL!, text, params);
}

export async function sqlAt<T = Record<string, unknown>>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function unitId(code: string): Promise<string> {
  const [row] = await sql<{ id: string }>('SELECT id FROM units WHERE code = $1', [code]);
  if (!row) throw new Error(`no unit ${code}`);
  return row.id;
}
