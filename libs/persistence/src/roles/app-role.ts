import type { DataSource, EntityManager } from 'typeorm';

export type TablePrivilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

const READ_WRITE: readonly TablePrivilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
/** Evidence: the apps add rows and read them; nobody connected as the apps changes or removes one. */
const APPEND_ONLY: readonly TablePrivilege[] = ['SELECT', 'INSERT'];

/**
 * Everything the apps' role may do, table by table; nothing else is granted (no TRUNCATE, REFERENCES or
 * TRIGGER, no ownership, no CREATE). `migrate` refuses a table missing here, so a migration that adds a
 * table adds its line in the same change.
 */
export const APP_ROLE_GRANTS: Readonly<Record<string, readonly TablePrivilege[]>> = {
  admin_audit: APPEND_ONLY,
  // An action's first answer is written once the action is answered.
  action_requests: READ_WRITE,
  recommendation_events: APPEND_ONLY,
  calendar_overrides: READ_WRITE,
  // Admins add and end assignments; an assignment is never removed, so what a cadre saw stays explainable.
  cadre_assignments: ['SELECT', 'INSERT', 'UPDATE'],
  categories: READ_WRITE,
  notifications: READ_WRITE,
  quarterly_reports: READ_WRITE,
  // Kept by a trigger on recommendations, which runs with the privileges of the role that writes them.
  recommendation_stats: READ_WRITE,
  recommendation_stats_by: READ_WRITE,
  recommendations: READ_WRITE,
  refresh_tokens: READ_WRITE,
  // A reorganization's decision, its units and the record of its run, written by the API and the worker.
  reorganizations: READ_WRITE,
  reorganization_items: READ_WRITE,
  reorganization_units: READ_WRITE,
  revoked_tokens: READ_WRITE,
  routing_rules: READ_WRITE,
  sign_in_limits: READ_WRITE,
  sla_policies: READ_WRITE,
  submission_keys: READ_WRITE,
  tasks: READ_WRITE,
  units: READ_WRITE,
  // Kept in step with units.parent_id by a trigger, and written when an admin moves a unit from a date.
  unit_parents: READ_WRITE,
  unit_successors: READ_WRITE,
  user_rate_windows: READ_WRITE,
  users: READ_WRITE,
  // TypeORM's record of the migrations applied: the owner's alone.
  migrations: [],
};

/** The schema NGK's tables live in. */
const SCHEMA = 'public';

/** The apps' role as PostgreSQL knows it. */
interface RoleRow {
  rolsuper: boolean;
  rolbypassrls: boolean;
  rolcanlogin: boolean;
}

/**
 * Makes sure the apps' role exists and can be trusted with the data: created (LOGIN, with `password`
 * when given) if missing and the connected role may create roles; refused if it is the connected role,
 * a superuser, exempt from row security, or a member of a role that owns the tables.
 */
export async function ensureAppRole(
  dataSource: DataSource,
  role: string,
  password: string | undefined,
): Promise<{ created: boolean }> {
  const [me] = await dataSource.query<{ name: string; createrole: boolean }[]>(
    `SELECT current_user AS name, rolcreaterole OR rolsuper AS createrole FROM pg_roles WHERE rolname = current_user`,
  );
  if (role === me.name) {
    throw new Error(
      `the apps' role ${role} is the role that migrates and owns the tables: give the apps a role of their own`,
    );
  }
  let created = false;
  let [found] = await dataSource.query<RoleRow[]>(
    `SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1`,
    [role],
  );
  if (!found) {
    if (!me.createrole) {
      throw new Error(
        `the apps' role ${role} does not exist and ${me.name} may not create roles: create it (CREATE ROLE ${role} LOGIN PASSWORD '…') or migrate as a role with CREATEROLE`,
      );
    }
    created = await createRole(dataSource, role, password);
    [found] = await dataSource.query<RoleRow[]>(
      `SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1`,
      [role],
    );
  }
  if (found.rolsuper || found.rolbypassrls) {
    throw new Error(
      `the apps' role ${role} is a superuser or bypasses row security: grants and the append-only triggers would not bind it; give the apps an ordinary role`,
    );
  }
  if (!found.rolcanlogin) throw new Error(`the apps' role ${role} cannot log in (ALTER ROLE ${role} LOGIN)`);
  const owners = await dataSource.query<{ owner: string }[]>(
    `SELECT DISTINCT tableowner AS owner FROM pg_tables
      WHERE schemaname = $1 AND pg_has_role($2, tableowner, 'MEMBER') ORDER BY 1`,
    [SCHEMA, role],
  );
  if (owners.length > 0) {
    throw new Error(
      `the apps' role ${role} is a member of ${owners.map((o) => o.owner).join(', ')}, which owns tables: it would own them too; revoke that membership`,
    );
  }
  return { created };
}

/** CREATE ROLE, tolerating another migrate that created it a moment before (a role is cluster-wide). */
async function createRole(
  dataSource: DataSource,
  role: string,
  password: string | undefined,
): Promise<boolean> {
  const [{ statement }] = await dataSource.query<{ statement: string }[]>(
    password === undefined
      ? `SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE', $1::text) AS statement`
      : `SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', $1::text, $2::text) AS statement`,
    password === undefined ? [role] : [role, password],
  );
  try {
    await dataSource.query(statement);
    return true;
  } catch (err) {
    // duplicate_object, or unique_violation when two sessions insert the same pg_authid row at once
    const code = (err as { code?: string }).code;
    if (code === '42710' || code === '23505') return false;
    throw err;
  }
}

/** Sets the apps' role's password, for a URL whose password the role does not have yet. */
export async function setAppRolePassword(
  dataSource: DataSource,
  role: string,
  password: string,
): Promise<void> {
  const [{ statement }] = await dataSource.query<{ statement: string }[]>(
    `SELECT format('ALTER ROLE %I PASSWORD %L', $1::text, $2::text) AS statement`,
    [role, password],
  );
  await dataSource.query(statement);
}

/**
 * Gives the apps' role exactly APP_ROLE_GRANTS, in one transaction so running apps never see a gap: every
 * privilege on the schema's tables and sequences is revoked, then the list granted, with USAGE on the
 * schema and the sequences (nextval). Nobody but the owner may create objects in the schema. Refuses a
 * table the list does not name.
 */
export async function grantAppRole(dataSource: DataSource, role: string): Promise<void> {
  await dataSource.transaction(async (tx) => {
    const tables = await schemaTables(tx);
    const unlisted = tables.filter((t) => !(t in APP_ROLE_GRANTS));
    if (unlisted.length > 0) {
      throw new Error(
        `no grants listed for ${unlisted.join(', ')}: say in APP_ROLE_GRANTS (libs/persistence/src/roles/app-role.ts) what the apps may do with each`,
      );
    }
    const grantee = await quoted(tx, role);
    // A WARNING, not an error, when the schema is not the migrating role's: the operator's then.
    await tx.query(`REVOKE CREATE ON SCHEMA ${SCHEMA} FROM PUBLIC`);
    await tx.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${SCHEMA} FROM ${grantee}`);
    await tx.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${SCHEMA} FROM ${grantee}`);
    await tx.query(`REVOKE ALL ON SCHEMA ${SCHEMA} FROM ${grantee}`);
    await tx.query(`GRANT USAGE ON SCHEMA ${SCHEMA} TO ${grantee}`);
    for (const table of tables) {
      const privileges = APP_ROLE_GRANTS[table];
      if (privileges.length === 0) continue;
      await tx.query(`GRANT ${privileges.join(', ')} ON ${await quoted(tx, table)} TO ${grantee}`);
    }
    await tx.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${SCHEMA} TO ${grantee}`);
  });
}

/**
 * Tables, views and their kin in NGK's schema, by name. Not the partitions: they are reached through
 * their parent, whose grants are the ones checked, and hold no grant of their own.
 */
export async function schemaTables(q: DataSource | EntityManager): Promise<string[]> {
  const rows = await q.query<{ name: string }[]>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition ORDER BY 1`,
    [SCHEMA],
  );
  return rows.map((r) => r.name);
}

async function quoted(q: EntityManager, identifier: string): Promise<string> {
  const [{ name }] = await q.query<{ name: string }[]>(`SELECT quote_ident($1) AS name`, [identifier]);
  return name;
}
