import { validateProvisioningEnvironment } from './provisioning';

describe('validateProvisioningEnvironment', () => {
  const good = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ngk' };

  it('needs only the database; no demo accounts and no admin by default', () => {
    const env = validateProvisioningEnvironment(good);
    expect(env.NGK_DEMO).toBeUndefined();
    expect(env.ADMIN_USERNAME).toBeUndefined();
    expect(() => validateProvisioningEnvironment({})).toThrow(/DATABASE_URL: missing/);
  });

  it('reads NGK_DEMO as a flag and names anything else', () => {
    expect(validateProvisioningEnvironment({ ...good, NGK_DEMO: '1' }).NGK_DEMO).toBe(true);
    expect(validateProvisioningEnvironment({ ...good, NGK_DEMO: 'true' }).NGK_DEMO).toBe(true);
    expect(validateProvisioningEnvironment({ ...good, NGK_DEMO: '0' }).NGK_DEMO).toBe(false);
    expect(validateProvisioningEnvironment({ ...good, NGK_DEMO: '' }).NGK_DEMO).toBeUndefined();
    expect(() => validateProvisioningEnvironment({ ...good, NGK_DEMO: 'demo' })).toThrow(
      /NGK_DEMO: NGK_DEMO must be 1 or 0/,
    );
  });

  it('refuses demo accounts in production', () => {
    expect(() => validateProvisioningEnvironment({ ...good, NODE_ENV: 'production', NGK_DEMO: '1' })).toThrow(
      /NGK_DEMO: .*refused when NODE_ENV is production/,
    );
    expect(validateProvisioningEnvironment({ ...good, NODE_ENV: 'production', NGK_DEMO: '0' }).NGK_DEMO).toBe(
      false,
    );
  });

  it('takes the first admin from ADMIN_USERNAME and ADMIN_PASSWORD together', () => {
    const env = validateProvisioningEnvironment({
      ...good,
      ADMIN_USERNAME: 'root.admin',
      ADMIN_PASSWORD: 'a long enough secret',
      ADMIN_DISPLAY_NAME: 'Quản trị',
      ADMIN_EMAIL: '',
    });
    expect(env).toMatchObject({ ADMIN_USERNAME: 'root.admin', ADMIN_DISPLAY_NAME: 'Quản trị' });
    expect(env.ADMIN_EMAIL).toBeUndefined();
    expect(() => validateProvisioningEnvironment({ ...good, ADMIN_USERNAME: 'root.admin' })).toThrow(
      /ADMIN_USERNAME, ADMIN_PASSWORD: the first admin needs both/,
    );
    expect(() =>
      validateProvisioningEnvironment({ ...good, ADMIN_PASSWORD: 'a long enough secret' }),
    ).toThrow(/needs both/);
    expect(() => validateProvisioningEnvironment({ ...good, ADMIN_EMAIL: 'a@b.example' })).toThrow(
      /ADMIN_EMAIL: .*ADMIN_USERNAME, which is not set/,
    );
  });

  it('needs, to migrate, the owner in DATABASE_MIGRATION_URL and a role of its own in DATABASE_URL', () => {
    const migrating = { migrating: true };
    const owner = 'postgres://ngk:owner-secret@db:5432/ngk';
    const app = 'postgres://ngk_app:app-secret@db:5432/ngk';
    expect(
      validateProvisioningEnvironment({ DATABASE_URL: app, DATABASE_MIGRATION_URL: owner }, migrating),
    ).toMatchObject({ DATABASE_URL: app, DATABASE_MIGRATION_URL: owner });
    expect(() => validateProvisioningEnvironment({ DATABASE_URL: app }, migrating)).toThrow(
      /DATABASE_MIGRATION_URL: missing: migrations run as the role that owns the tables/,
    );
    expect(() =>
      validateProvisioningEnvironment({ DATABASE_URL: app, DATABASE_MIGRATION_URL: '' }, migrating),
    ).toThrow(/DATABASE_MIGRATION_URL: missing/);
    expect(() =>
      validateProvisioningEnvironment({ DATABASE_URL: owner, DATABASE_MIGRATION_URL: owner }, migrating),
    ).toThrow(/DATABASE_URL, DATABASE_MIGRATION_URL: both name the same role/);
    expect(() =>
      validateProvisioningEnvironment(
        { DATABASE_URL: 'postgres://db:5432/ngk', DATABASE_MIGRATION_URL: owner },
        migrating,
      ),
    ).toThrow(/DATABASE_URL: must name the role the apps sign in as/);
    expect(() =>
      validateProvisioningEnvironment({ DATABASE_URL: app, DATABASE_MIGRATION_URL: 'mysql://x' }, migrating),
    ).toThrow(/DATABASE_MIGRATION_URL: DATABASE_MIGRATION_URL must be a postgres:\/\/ connection URL/);
    // admin:create signs in as the apps do, so it needs no owner.
    expect(validateProvisioningEnvironment({ DATABASE_URL: app }).DATABASE_MIGRATION_URL).toBeUndefined();
  });
});
