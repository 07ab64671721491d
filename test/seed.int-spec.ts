import { createDataSource, DEMO_USERS, seedDemoAccounts, seedReferenceData, UNITS } from '@ngk/persistence';
import { sql } from './support/fixtures';

describe('reference data seed', () => {
  it('runs again without duplicating anything', async () => {
    // As migrate seeds: the owner.
    const dataSource = createDataSource(process.env.DATABASE_MIGRATION_URL!);
    await dataSource.initialize();
    try {
      // Counted by the seeded codes: other test files add units and rules of their own meanwhile.
      const seeded = () =>
        sql<{ units: number; users: number }>(
          `SELECT (SELECT count(*)::int FROM units WHERE code = ANY($1)) AS units,
                  (SELECT count(*)::int FROM users WHERE username = ANY($2)) AS users`,
          [UNITS.map((u) => u.code), DEMO_USERS.map((u) => u.username)],
        );
      await seedReferenceData(dataSource);
      await seedDemoAccounts(dataSource);
      const first = await seeded();
      await seedReferenceData(dataSource);
      await seedDemoAccounts(dataSource);
      expect(await seeded()).toEqual(first);
      expect(first).toEqual([{ units: UNITS.length, users: DEMO_USERS.length }]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('gives demo accounts role names, one account per role at least', async () => {
    const roles = await sql<{ role: string }>('SELECT DISTINCT role FROM users ORDER BY role');
    expect(roles.map((r) => r.role)).toEqual([
      'admin',
      'cadre',
      'leadership-viewer',
      'standing-committee',
      'unit-head',
      'unit-officer',
    ]);
    const [hoaLoi] = await sql<{ display_name: string }>(
      `SELECT display_name FROM users WHERE username = 'cadre.hoaloi'`,
    );
    expect(hoaLoi.display_name).toBe('Cán bộ phụ trách xã Hòa Lợi');
  });

  it('places each commune under its historical district', async () => {
    const rows = await sql<{ commune: string; district: string }>(
      `SELECT c.code AS commune, d.code AS district FROM units c JOIN units d ON d.id = c.parent_id
        WHERE c.kind = 'commune' AND c.code = ANY($1) ORDER BY c.code`,
      [UNITS.map((u) => u.code)],
    );
    expect(rows).toEqual([
      { commune: 'an-thanh', district: 'thanh-phu' },
      { commune: 'binh-thanh', district: 'giong-trom' },
      { commune: 'hoa-loi', district: 'thanh-phu' },
      { commune: 'phong-nam', district: 'giong-trom' },
      { commune: 'phu-le', district: 'ba-tri' },
    ]);
  });
});
