import type { INestApplication } from '@nestjs/common';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import request from 'supertest';
import {
  createDataSource,
  DEMO_PASSWORD,
  DEMO_USERS,
  ROUTING_RULES,
  seedDemoAccounts,
  UNITS,
} from '@ngk/persistence';
import { dropDatabase, ensureDatabase, withDatabase, withRole } from '../scripts/lib/postgres';
import { startApi } from './support/apps';
import { sqlAt, testPostgres } from './support/fixtures';

const ROOT = path.resolve(__dirname, '..');
const FIRST_ADMIN = { ADMIN_USERNAME: 'first.admin', ADMIN_PASSWORD: 'first admin passphrase' };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A script of scripts/ as a deployment runs it, in a process of its own; `input` is piped to its stdin. */
function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
  input?: string,
): Promise<Run> {
  const base = { ...process.env };
  for (const name of ['NGK_DEMO', 'ADMIN_USERNAME', 'ADMIN_PASSWORD', 'ADMIN_DISPLAY_NAME', 'ADMIN_EMAIL']) {
    delete base[name];
  }
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        `scripts/${script}`,
        ...args,
      ],
      { cwd: ROOT, env: { ...base, ...env }, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(input ?? '');
  });
}

/**
 * A production install on a database of its own, step by step: reference data without demo accounts, an
 * admin's edits surviving a re-run, demo accounts refused in production, the first admin from the
 * environment, and admin:create.
 */
describe('a production install', () => {
  const adminUrl = testPostgres().adminUrl;
  const name = `ngk_test_install_${process.pid}_${Date.now().toString(36)}`;
  // A role of this install's own, which migrate creates, as on a fresh server.
  const appRole = `${name}_app`;
  const saved = process.env.DATABASE_URL;
  /** As the owner, which migrate uses; the apps and admin:create use appUrl. */
  let url: string;
  let appUrl: string;
  let api: INestApplication;
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    sqlAt<T>(url, text, params);
  const login = (username: string, password: string) =>
    request(api.getHttpServer()).post('/api/auth/login').send({ username, password });
  const migrate = (env: Record<string, string> = {}) =>
    runScript('migrate.ts', ['--seed'], { DATABASE_MIGRATION_URL: url, DATABASE_URL: appUrl, ...env });
  const adminCreate = (env: Record<string, string>, input?: string) =>
    runScript('admin-create.ts', [], { DATABASE_URL: appUrl, ...env }, input);

  beforeAll(async () => {
    url = await ensureDatabase(adminUrl, name);
    appUrl = withDatabase(withRole(adminUrl, appRole, 'install app secret'), name);
  });
  afterAll(async () => {
    await api?.close();
    process.env.DATABASE_URL = saved;
    await dropDatabase(adminUrl, name);
    await sqlAt(adminUrl, `DROP ROLE IF EXISTS ${appRole}`);
  });

  it('seeds the reference data and no account at all without NGK_DEMO', async () => {
    const run = await migrate();
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/reference data: \{"units":\d+/);
    expect(run.stdout).toContain(`apps' role: ${appRole} (created), granted what the apps need`);
    const [counts] = await sql<{ units: number; rules: number; users: number }>(
      `SELECT (SELECT count(*)::int FROM units) AS units, (SELECT count(*)::int FROM routing_rules) AS rules,
              (SELECT count(*)::int FROM users) AS users`,
    );
    expect(counts).toEqual({ units: UNITS.length, rules: ROUTING_RULES.length, users: 0 });

    process.env.DATABASE_URL = appUrl;
    api = await startApi();
    await login('admin', DEMO_PASSWORD).expect(401);
  });

  it("keeps an admin's edits to units and routing rules when the seed runs again", async () => {
    const rule = ROUTING_RULES[0].code;
    await sql(
      `UPDATE units SET name_vi = 'Tên do quản trị đặt', supervisor_id = NULL WHERE code = 'thanh-phu'`,
    );
    await sql(
      `UPDATE routing_rules SET priority = 99, lead_unit_id = (SELECT id FROM units WHERE code = 'dpi') WHERE code = $1`,
      [rule],
    );
    await sql(`UPDATE categories SET name_en = 'Roads and bridges' WHERE code = 'infrastructure'`);
    await sql(`DELETE FROM routing_rules WHERE code = $1`, [ROUTING_RULES[1].code]);

    expect(await migrate()).toMatchObject({ code: 0 });

    const [unit] = await sql(`SELECT name_vi, supervisor_id FROM units WHERE code = 'thanh-phu'`);
    expect(unit).toEqual({ name_vi: 'Tên do quản trị đặt', supervisor_id: null });
    const [edited] = await sql(
      `SELECT r.priority, u.code AS lead FROM routing_rules r JOIN units u ON u.id = r.lead_unit_id WHERE r.code = $1`,
      [rule],
    );
    expect(edited).toEqual({ priority: 99, lead: 'dpi' });
    const [category] = await sql(`SELECT name_en FROM categories WHERE code = 'infrastructure'`);
    expect(category).toEqual({ name_en: 'Roads and bridges' });
    // What is missing is filled in again: a rule deleted by hand comes back as seeded.
    expect(await sql(`SELECT code FROM routing_rules WHERE code = $1`, [ROUTING_RULES[1].code])).toHaveLength(
      1,
    );
  });

  it("needs the owner's URL, and another role than the owner's for the apps", async () => {
    const missing = await migrate({ DATABASE_MIGRATION_URL: '' });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/DATABASE_MIGRATION_URL: missing: migrations run as the role that owns/);
    const same = await migrate({ DATABASE_URL: url });
    expect(same.code).not.toBe(0);
    expect(same.stderr).toMatch(/DATABASE_URL, DATABASE_MIGRATION_URL: both name the same role/);
    const again = await migrate();
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toContain(`apps' role: ${appRole}, granted what the apps need`);
  });

  it('stops at a table no line of APP_ROLE_GRANTS names, so a new table cannot go ungranted', async () => {
    await sql(`CREATE TABLE unlisted_probe (id int)`);
    try {
      const run = await migrate();
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(/no grants listed for unlisted_probe: say in APP_ROLE_GRANTS/);
    } finally {
      await sql(`DROP TABLE unlisted_probe`);
    }
    expect(await migrate()).toMatchObject({ code: 0, stderr: '' });
  });

  it('refuses demo accounts under NODE_ENV=production, from the script and from the seed itself', async () => {
    const run = await migrate({ NODE_ENV: 'production', NGK_DEMO: '1' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/NGK_DEMO: demo accounts .* refused when NODE_ENV is production/);
    const dataSource = createDataSource(url);
    await dataSource.initialize();
    try {
      await expect(seedDemoAccounts(dataSource, 'production')).rejects.toThrow(
        /demo accounts are refused when NODE_ENV is production/,
      );
    } finally {
      await dataSource.destroy();
    }
    expect(await sql(`SELECT username FROM users`)).toEqual([]);
  });

  it('creates the first admin from ADMIN_USERNAME and ADMIN_PASSWORD, who signs in through the API', async () => {
    const run = await migrate({ NODE_ENV: 'production', ...FIRST_ADMIN });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/first admin created: first\.admin/);
    const res = await login('first.admin', FIRST_ADMIN.ADMIN_PASSWORD).expect(200);
    expect(res.body.user).toMatchObject({ username: 'first.admin', role: 'admin' });
    const [audit] = await sql(`SELECT request_id, action FROM admin_audit WHERE entity = 'user'`);
    expect(audit).toEqual({ request_id: 'migrate', action: 'create' });
  });

  it('changes nothing on a later migrate with other admin values', async () => {
    const before = await sql(`SELECT username, password_hash FROM users ORDER BY username`);
    const run = await migrate({ ADMIN_USERNAME: 'other.admin', ADMIN_PASSWORD: 'another passphrase' });
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/first admin: not created, an admin exists already \(first\.admin\)/);
    expect(await sql(`SELECT username, password_hash FROM users ORDER BY username`)).toEqual(before);
    await login('first.admin', FIRST_ADMIN.ADMIN_PASSWORD).expect(200);
  });

  it('admin:create from the environment creates an admin and refuses a duplicate or a short password', async () => {
    const created = await adminCreate({
      ADMIN_USERNAME: 'second.admin',
      ADMIN_PASSWORD: 'second admin passphrase',
    });
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/admin created: second\.admin/);
    await login('second.admin', 'second admin passphrase').expect(200);

    const duplicate = await adminCreate({
      ADMIN_USERNAME: 'Second.Admin',
      ADMIN_PASSWORD: 'yet another passphrase',
    });
    expect(duplicate.code).not.toBe(0);
    expect(duplicate.stderr).toMatch(/a user named "second\.admin" already exists/);
    await login('second.admin', 'second admin passphrase').expect(200);

    const short = await adminCreate({ ADMIN_USERNAME: 'third.admin', ADMIN_PASSWORD: 'too short' });
    expect(short.code).not.toBe(0);
    expect(short.stderr).toMatch(/ADMIN_PASSWORD must be at least 12 characters \(it has 9\)/);
    const demo = await adminCreate({ ADMIN_USERNAME: 'third.admin', ADMIN_PASSWORD: DEMO_PASSWORD });
    expect(demo.stderr).toMatch(/ADMIN_PASSWORD must not be the demo password/);
    expect(await sql(`SELECT 1 FROM users WHERE username = 'third.admin'`)).toEqual([]);
  });

  it('admin:create asks for the account when no variable names it, the password twice', async () => {
    const differ = await adminCreate({}, 'asked.admin\n\n\nfirst passphrase\nsecond passphrase\n');
    expect(differ.code).not.toBe(0);
    expect(differ.stderr).toMatch(/the two passwords differ/);
    expect(differ.stdout).not.toMatch(/passphrase/);

    const run = await adminCreate(
      {},
      'asked.admin\nQuản trị viên\nasked@province.example\nlong passphrase\nlong passphrase\n',
    );
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const [user] = await sql(
      `SELECT display_name, role, email, unit_id FROM users WHERE username = 'asked.admin'`,
    );
    expect(user).toEqual({
      display_name: 'Quản trị viên',
      role: 'admin',
      email: 'asked@province.example',
      unit_id: null,
    });
    await login('asked.admin', 'long passphrase').expect(200);
  });

  it('seeds the demo accounts only when NGK_DEMO=1 asks, outside production', async () => {
    const run = await migrate({ NGK_DEMO: '1' });
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/reference data and demo accounts/);
    const demo = await sql<{ username: string }>(`SELECT username FROM users WHERE username = ANY($1)`, [
      DEMO_USERS.map((u) => u.username),
    ]);
    expect(demo).toHaveLength(DEMO_USERS.length);
  });
});
