import { createDataSource } from '@ngk/persistence';
import { MIGRATIONS } from '../../libs/persistence/src/migrations';
import { migrateDatabase } from '../../scripts/lib/database';
import { dropDatabase, provideDatabase } from '../../scripts/lib/postgres';
import { testPostgres } from './fixtures';

/**
 * A database of the file's own, migrated and seeded with the demo, for tests of a migration on a database
 * that already holds data: `ownerUrl` signs in as the owner, who may undo migrations. Dropped after.
 */
export function useScratchDatabase(label: string): { readonly ownerUrl: string } {
  const postgres = testPostgres();
  const name = `ngk_${label}_${process.pid}`;
  const scratch = { ownerUrl: '' };
  beforeAll(async () => {
    const urls = await provideDatabase(postgres, name);
    await migrateDatabase(urls, { seed: true, demo: true });
    scratch.ownerUrl = urls.owner;
  });
  afterAll(async () => {
    await dropDatabase(postgres.adminUrl, name);
  });
  return scratch;
}

/**
 * Takes the database back to the schema before `migration` (undoes it and every later one), runs
 * `whileBack` there, then migrates forward again, as an upgrade of a database holding that data would.
 */
export async function backToBefore(
  ownerUrl: string,
  migration: (typeof MIGRATIONS)[number],
  whileBack: () => Promise<void>,
): Promise<void> {
  const dataSource = createDataSource(ownerUrl, { logging: ['error'] });
  await dataSource.initialize();
  try {
    const later = MIGRATIONS.length - MIGRATIONS.indexOf(migration);
    for (let i = 0; i < later; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    await whileBack();
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
