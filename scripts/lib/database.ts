import { Client } from 'pg';
import {
  createAdmin,
  createDataSource,
  seedDemoAccounts,
  seedReferenceData,
  type AdminAccount,
  type AdminFieldNames,
  type CreateAdminResult,
  type SeedSummary,
} from '@ngk/persistence';

export interface MigrateOptions {
  /** Insert the reference data that is missing; existing rows are never changed. */
  seed: boolean;
  /** Also the demo accounts (published password): `up`, tests and benchmarks only; refused in production. */
  demo?: boolean;
  /** Created when no admin exists yet; nothing changes when one does. */
  firstAdmin?: { account: AdminAccount; names?: AdminFieldNames };
}

export interface MigrateResult {
  applied: string[];
  seed?: SeedSummary;
  firstAdmin?: CreateAdminResult;
}

/** Applies pending migrations and, when asked, the reference data, demo accounts and first admin; safe to run again. */
export async function migrateDatabase(url: string, options: MigrateOptions): Promise<MigrateResult> {
  if (options.demo && !options.seed) {
    throw new Error('demo accounts need the reference data: ask for seed with demo');
  }
  const dataSource = createDataSource(url, { logging: ['error'] });
  await dataSource.initialize();
  try {
    const applied = (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    let seed = options.seed ? await seedReferenceData(dataSource) : undefined;
    // Before the demo accounts, whose own admin would otherwise count as "an admin exists".
    const firstAdmin = options.firstAdmin
      ? await createAdmin(dataSource, options.firstAdmin.account, {
          source: 'migrate',
          onlyIfNoAdmin: true,
          names: options.firstAdmin.names,
        })
      : undefined;
    if (options.demo) seed = await seedDemoAccounts(dataSource);
    return { applied, seed, firstAdmin };
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
