import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import {
  createAdmin,
  createDataSource,
  ensureAppRole,
  grantAppRole,
  setAppRolePassword,
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

/** A database as its two roles reach it. */
export interface DatabaseUrls {
  /** The role that owns the tables: migrations and the reference data. */
  owner: string;
  /** The apps' role (their DATABASE_URL): granted what the apps need, no more. */
  app: string;
}

export interface MigrateResult {
  applied: string[];
  /** The apps' role, and whether this run created it. */
  appRole: { name: string; created: boolean };
  seed?: SeedSummary;
  firstAdmin?: CreateAdminResult;
}

/**
 * As the owner: applies pending migrations, makes sure the apps' role exists, signs in with its URL and
 * grants it exactly what the apps need; then, when asked, the reference data, demo accounts and first
 * admin. Safe to run again.
 */
export async function migrateDatabase(urls: DatabaseUrls, options: MigrateOptions): Promise<MigrateResult> {
  if (options.demo && !options.seed) {
    throw new Error('demo accounts need the reference data: ask for seed with demo');
  }
  const app = new URL(urls.app);
  const role = decodeURIComponent(app.username);
  if (!role) throw new Error('DATABASE_URL must name the role the apps sign in as');
  const password = app.password ? decodeURIComponent(app.password) : undefined;
  const dataSource = createDataSource(urls.owner, { logging: ['error'] });
  await dataSource.initialize();
  try {
    const applied = (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    const { created } = await ensureAppRole(dataSource, role, password);
    await signInAsApps(dataSource, urls.app, role, password);
    await grantAppRole(dataSource, role);
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
    return { applied, appRole: { name: role, created }, seed, firstAdmin };
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Signs in with the apps' URL, as they will: a password the role does not have yet (a rotated secret)
 * is set by the owner when it may, so the URL stays the one place it is written.
 */
async function signInAsApps(
  owner: DataSource,
  url: string,
  role: string,
  password: string | undefined,
): Promise<void> {
  const attempt = async () => {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      const { rows } = await client.query<{ user: string }>('SELECT current_user AS user');
      if (rows[0].user !== role) throw new Error(`DATABASE_URL signs in as ${rows[0].user}, not ${role}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  try {
    await attempt();
  } catch (err) {
    // invalid_password: PostgreSQL says the same for a wrong password and for a role it does not know.
    if ((err as { code?: string }).code !== '28P01' || password === undefined) throw signInError(role, err);
    await setAppRolePassword(owner, role, password).catch((alter: unknown) => {
      throw signInError(role, err, alter);
    });
    await attempt().catch((again: unknown) => {
      throw signInError(role, again);
    });
  }
}

function signInError(role: string, err: unknown, alter?: unknown): Error {
  const why = err instanceof Error ? err.message : String(err);
  const setting = alter
    ? `; setting its password failed too (${alter instanceof Error ? alter.message : alter})`
    : '';
  return new Error(`cannot sign in with DATABASE_URL as ${role}: ${why}${setting}`);
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
