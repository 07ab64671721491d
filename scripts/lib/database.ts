import { Client } from 'pg';
import { createDataSource, seedReferenceData, type SeedSummary } from '@ngk/persistence';

/** Applies pending migrations and, when asked, the reference data; safe to run again. */
export async function migrateDatabase(
  url: string,
  options: { seed: boolean },
): Promise<{ applied: string[]; seed?: SeedSummary }> {
  const dataSource = createDataSource(url, { logging: ['error'] });
  await dataSource.initialize();
  try {
    const applied = (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    const seed = options.seed ? await seedReferenceData(dataSource) : undefined;
    return { applied, seed };
  } finally {
    await dataSource.destroy();
  }
}

/** One query on a connection of its own, closed after: for tests and benchmarks checking what was written. */
export async function queryAt<T = Record<string, unknown>>(
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
