import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { APP_ROLE_GRANTS, schemaTables, createDataSource } from '@ngk/persistence';
import { useApps } from '../support/apps';
import { examples } from '../support/examples';
import { ownerSql } from '../support/fixtures';
import { client } from '../support/http';

const APPEND_ONLY = ['recommendation_events', 'admin_audit'];
const PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'];

const roleOf = (url: string) => decodeURIComponent(new URL(url).username);

/**
 * The apps connected as the owner of every table, so the append-only triggers were theirs to drop or to
 * bypass. Now they sign in as a role of their own: what it may do is APP_ROLE_GRANTS and nothing more,
 * and on the evidence tables that is INSERT and SELECT.
 */
describe('database roles: the apps cannot rewrite the evidence', () => {
  const apps = useApps();
  const appRole = () => roleOf(process.env.DATABASE_URL!);
  let app: Client;

  beforeAll(async () => {
    app = new Client({ connectionString: process.env.DATABASE_URL });
    await app.connect();
  });
  afterAll(() => app?.end());

  /** The statement's error code as the apps' role, inside a transaction rolled back whatever happens. */
  async function refusal(statement: string): Promise<string | undefined> {
    await app.query('BEGIN');
    try {
      await app.query(statement);
      return undefined;
    } catch (err) {
      return (err as { code?: string }).code;
    } finally {
      await app.query('ROLLBACK');
    }
  }

  it('runs the API and the worker as that role, never as the owner', async () => {
    const owner = roleOf(process.env.DATABASE_MIGRATION_URL!);
    expect(appRole()).not.toBe(owner);
    for (const nest of [apps.api, apps.worker]) {
      const [who] = await nest
        .get(DataSource)
        .query<{ current_user: string; session_user: string }[]>('SELECT current_user, session_user');
      expect(who).toEqual({ current_user: appRole(), session_user: appRole() });
    }
    const [role] = await ownerSql<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
      `SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1`,
      [appRole()],
    );
    expect(role).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false });
  });

  it.each(APPEND_ONLY)('refuses UPDATE, DELETE and TRUNCATE on %s for lack of privilege', async (table) => {
    const codes = {
      update: await refusal(`UPDATE ${table} SET id = id WHERE false`),
      delete: await refusal(`DELETE FROM ${table} WHERE false`),
      truncate: await refusal(`TRUNCATE ${table}`),
      truncateCascade: await refusal(`TRUNCATE ${table} CASCADE`),
    };
    // insufficient_privilege, before any trigger runs: the triggers stay for the owner's own mistakes.
    expect(codes).toEqual({ update: '42501', delete: '42501', truncate: '42501', truncateCascade: '42501' });
  });

  it.each(APPEND_ONLY)('refuses to drop, disable or go around the triggers of %s', async (table) => {
    const [trigger] = await ownerSql<{ name: string }>(
      `SELECT tgname AS name FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal LIMIT 1`,
      [table],
    );
    expect(trigger).toBeDefined();
    const codes = {
      dropTrigger: await refusal(`DROP TRIGGER ${trigger.name} ON ${table}`),
      disableTrigger: await refusal(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger.name}`),
      disableAll: await refusal(`ALTER TABLE ${table} DISABLE TRIGGER ALL`),
      replicaRole: await refusal(`SET session_replication_role = replica`),
      replicaRoleLocal: await refusal(`SET LOCAL session_replication_role = replica`),
      newTrigger: await refusal(
        `CREATE TRIGGER probe BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION append_only()`,
      ),
      replaceFunction: await refusal(
        `CREATE OR REPLACE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`,
      ),
      dropTable: await refusal(`DROP TABLE ${table} CASCADE`),
      renameTable: await refusal(`ALTER TABLE ${table} RENAME TO ${table}_old`),
      grantSelf: await refusal(`GRANT UPDATE ON ${table} TO CURRENT_USER WITH GRANT OPTION`),
    };
    expect(codes).toEqual({
      dropTrigger: '42501',
      disableTrigger: '42501',
      disableAll: '42501',
      replicaRole: '42501',
      replicaRoleLocal: '42501',
      newTrigger: '42501',
      replaceFunction: '42501',
      dropTable: '42501',
      renameTable: '42501',
      // Granting oneself what one lacks is a warning that grants nothing: checked below by the matrix.
      grantSelf: undefined,
    });
  });

  it('refuses to become the owner, to create objects, or to change sequences', async () => {
    const owner = roleOf(process.env.DATABASE_MIGRATION_URL!);
    const codes = {
      setRole: await refusal(`SET ROLE ${owner}`),
      createTable: await refusal(`CREATE TABLE public.probe (id int)`),
      createSchema: await refusal(`CREATE SCHEMA probe`),
      setval: await refusal(`SELECT setval('recommendation_reference_seq', 1)`),
    };
    expect(codes).toEqual({ setRole: '42501', createTable: '42501', createSchema: '42501', setval: '42501' });
  });

  it('lets the apps add to the evidence and read it', async () => {
    const submitted = await client(apps.api).submit('cadre.phongnam', {
      ...(await examples()).propaganda,
      title: 'Vai trò cơ sở dữ liệu: nhật ký chỉ được thêm',
    });
    expect(submitted.status).toBe(201);
    await app.query('BEGIN');
    try {
      const event = await app.query<{ id: string }>(
        `INSERT INTO recommendation_events (recommendation_id, seq, type, occurred_at, status_after, payload)
         SELECT recommendation_id, seq + 100000, type, occurred_at, status_after, payload
           FROM recommendation_events WHERE recommendation_id = $1 ORDER BY seq LIMIT 1 RETURNING id`,
        [submitted.body.id],
      );
      expect(event.rowCount).toBe(1);
      const audit = await app.query<{ id: string }>(
        `INSERT INTO admin_audit (actor_user_id, actor_role, entity, entity_key, action)
         SELECT id, role, 'probe', 'database-roles', 'create' FROM users WHERE username = 'admin' RETURNING id`,
      );
      expect(audit.rowCount).toBe(1);
      const read = await app.query(
        `SELECT (SELECT count(*)::int FROM recommendation_events WHERE id = $1) AS events,
                (SELECT count(*)::int FROM admin_audit WHERE id = $2) AS audits`,
        [event.rows[0].id, audit.rows[0].id],
      );
      expect(read.rows[0]).toEqual({ events: 1, audits: 1 });
    } finally {
      // Probes, not evidence: nothing of them stays.
      await app.query('ROLLBACK');
    }
  });

  it('grants the apps exactly APP_ROLE_GRANTS, on every table there is, and owns nothing', async () => {
    const owner = createDataSource(process.env.DATABASE_MIGRATION_URL!, { logging: ['error'] });
    await owner.initialize();
    try {
      const tables = await schemaTables(owner);
      // A table added by a migration without its line in APP_ROLE_GRANTS stops migrate; a line left
      // behind by a dropped table is caught here.
      expect([...tables].sort()).toEqual(Object.keys(APP_ROLE_GRANTS).sort());
      const held = await owner.query<{ table: string; privilege: string }[]>(
        `SELECT t AS table, p AS privilege FROM unnest($1::text[]) t, unnest($2::text[]) p
          WHERE has_table_privilege($3, format('public.%I', t), p) ORDER BY 1, 2`,
        [tables, PRIVILEGES, appRole()],
      );
      const granted = Object.fromEntries(tables.map((t) => [t, [] as string[]]));
      for (const row of held) granted[row.table].push(row.privilege);
      const listed = Object.fromEntries(tables.map((t) => [t, [...APP_ROLE_GRANTS[t]].sort()]));
      expect(granted).toEqual(listed);
      for (const table of APPEND_ONLY) expect(granted[table]).toEqual(['INSERT', 'SELECT']);

      const [other] = await owner.query<Record<string, boolean | number>[]>(
        `SELECT has_schema_privilege($1, 'public', 'CREATE') AS schema_create,
                has_database_privilege($1, current_database(), 'CREATE') AS database_create,
                (SELECT count(*)::int FROM pg_class WHERE pg_has_role($1, relowner, 'MEMBER')) AS owned_relations,
                (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'public' AND c.relispartition AND (
                        has_table_privilege($1, c.oid, 'SELECT') OR has_table_privilege($1, c.oid, 'INSERT')
                     OR has_table_privilege($1, c.oid, 'UPDATE') OR has_table_privilege($1, c.oid, 'DELETE')
                     OR has_table_privilege($1, c.oid, 'TRUNCATE'))) AS partitions_reachable_directly,
                (SELECT count(*)::int FROM pg_proc WHERE pg_has_role($1, proowner, 'MEMBER')) AS owned_functions,
                (SELECT bool_and(has_sequence_privilege($1, c.oid, 'USAGE') AND NOT has_sequence_privilege($1, c.oid, 'UPDATE'))
                   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE c.relkind = 'S' AND n.nspname = 'public') AS sequences_usage_only`,
        [appRole()],
      );
      expect(other).toEqual({
        schema_create: false,
        database_create: false,
        owned_relations: 0,
        partitions_reachable_directly: 0,
        owned_functions: 0,
        sequences_usage_only: true,
      });
    } finally {
      await owner.destroy();
    }
  });
});
