import { localDate } from '@ngk/domain';
import {
  createDataSource,
  DEMO_UNITS,
  DEMO_USERS,
  seedDemoAccounts,
  seedReferenceData,
  UNITS,
} from '@ngk/persistence';
import request from 'supertest';
import { useApps } from './support/apps';
import { sql } from './support/fixtures';

describe('reference data seed', () => {
  const apps = useApps();

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
          [[...UNITS, ...DEMO_UNITS].map((u) => u.code), DEMO_USERS.map((u) => u.username)],
        );
      await seedReferenceData(dataSource);
      await seedDemoAccounts(dataSource);
      const first = await seeded();
      await seedReferenceData(dataSource);
      await seedDemoAccounts(dataSource);
      expect(await seeded()).toEqual(first);
      expect(first).toEqual([{ units: UNITS.length + DEMO_UNITS.length, users: DEMO_USERS.length }]);
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

  it("keeps the article's 2024 units as history and adds Vĩnh Long's, each from the day it began", async () => {
    const rows = await sql<{ code: string; from: string; parent: string | null; demo: boolean }>(
      `SELECT u.code, u.valid_from::text AS from, p.code AS parent, u.demo
         FROM units u LEFT JOIN units p ON p.id = u.parent_id
        WHERE u.code = ANY($1) ORDER BY u.code`,
      [
        [
          'ben-tre',
          'thanh-phu',
          'dard',
          'vinh-long',
          'dae',
          'doc',
          'dof',
          'propaganda-mass-mobilization-board',
        ],
      ],
    );
    expect(rows).toEqual([
      { code: 'ben-tre', from: '2020-01-01', parent: null, demo: false },
      { code: 'dae', from: '2025-03-01', parent: 'provincial-peoples-committee', demo: false },
      { code: 'dard', from: '2020-01-01', parent: 'provincial-peoples-committee', demo: false },
      { code: 'doc', from: '2025-03-01', parent: 'provincial-peoples-committee', demo: false },
      { code: 'dof', from: '2025-03-01', parent: 'provincial-peoples-committee', demo: false },
      {
        code: 'propaganda-mass-mobilization-board',
        from: '2025-03-01',
        parent: 'standing-committee',
        demo: false,
      },
      { code: 'thanh-phu', from: '2020-01-01', parent: 'ben-tre', demo: false },
      { code: 'vinh-long', from: '2025-07-01', parent: null, demo: false },
    ]);
  });

  it('gives the demo communes after the mergers illustrative names, flagged demo, under the province', async () => {
    const rows = await sql<{ code: string; name: string; from: string; parent: string; demo: boolean }>(
      `SELECT u.code, u.name_vi AS name, u.valid_from::text AS from, p.code AS parent, u.demo
         FROM units u JOIN units p ON p.id = u.parent_id WHERE u.code = ANY($1) ORDER BY u.code`,
      [DEMO_UNITS.map((u) => u.code)],
    );
    expect(rows).toHaveLength(DEMO_UNITS.length);
    for (const row of rows) {
      expect(row).toMatchObject({ from: '2025-07-01', parent: 'vinh-long', demo: true });
      expect(row.name).toMatch(/\(tên minh họa\)$/);
    }
  });

  it('says which province and date the data describes, and that it is a demo', async () => {
    const res = await request(apps.api.getHttpServer()).get('/api/reference-data/edition').expect(200);
    expect(res.body).toMatchObject({
      province: { code: 'vinh-long', nameVi: 'Tỉnh Vĩnh Long', nameEn: 'Vinh Long Province' },
      demo: true,
    });
    // Other test files add and end units of their own: the structure is at least as recent as the merger,
    // and no later than today in Việt Nam, the day the API judges by (a day ahead of UTC from 17:00 UTC).
    expect(res.body.since >= '2025-07-01').toBe(true);
    expect(res.body.since <= localDate(Date.now())).toBe(true);
  });
});
