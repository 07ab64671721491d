import { queryAt } from '../../scripts/lib/database';
import { configuredPostgres, type PostgresServer } from '../../scripts/lib/postgres';

/** Direct SQL against any database URL. */
export const sqlAt = queryAt;

/**
 * The test server as global setup configured it: databases are created as the owner (adminUrl) and the
 * apps reach them as their own role (appUrl).
 */
export function testPostgres(): PostgresServer {
  return configuredPostgres(process.env)!;
}

/** Direct SQL against the test database as the role that owns the tables, for what the apps may not do. */
export async function ownerSql<T = Record<string, unknown>>(
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  return sqlAt<T>(process.env.DATABASE_MIGRATION_URL!, text, params);
}

/** Direct SQL against the test database as the apps' role, to check what the apps wrote. */
export async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return sqlAt<T>(process.env.DATABASE_URL!, text, params);
}

/**
 * Takes every committed change of the items into the dashboard's summaries, as the dashboard does before it
 * reads: for tests that read the summaries' tables themselves.
 */
export async function foldStats(): Promise<void> {
  await sql(`SELECT recommendation_stats_fold(true)`);
}

/**
 * A unit's id, read as the owner: the upgrade test reads it on a database that only the previous
 * release has migrated, where the apps' role has no grants yet.
 */
export async function unitId(code: string): Promise<string> {
  const [row] = await ownerSql<{ id: string }>('SELECT id FROM units WHERE code = $1', [code]);
  if (!row) throw new Error(`no unit ${code}`);
  return row.id;
}

/**
 * A cadre that belongs to one test file: it follows the unit `unitCode` and signs in with the demo
 * cadres' password. Tests that count what one user wrote, or how often one user acted, use their own
 * cadre, because the test files that run beside them submit as the demo cadres at the same time.
 */
export async function ownCadre(username: string, unitCode = 'hoa-loi'): Promise<string> {
  const unit = await unitId(unitCode);
  await sql(
    `INSERT INTO users (username, display_name, role, password_hash)
     SELECT $1, $2, 'cadre', password_hash FROM users WHERE username = 'cadre.hoaloi'
     ON CONFLICT DO NOTHING`,
    [username, `Cán bộ kiểm thử ${username}`],
  );
  await sql(
    `INSERT INTO cadre_assignments (user_id, unit_id, decision_no, valid_from)
     SELECT u.id, $2, 'Phân công kiểm thử', DATE '2000-01-01' FROM users u
      WHERE u.username = $1 AND NOT EXISTS (SELECT 1 FROM cadre_assignments a WHERE a.user_id = u.id)`,
    [username, unit],
  );
  return username;
}
