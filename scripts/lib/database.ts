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
