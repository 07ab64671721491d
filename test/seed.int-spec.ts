import { createDataSource, seedReferenceData, UNITS } from '@ngk/persistence';
import { sql } from './support/fixtures';

describe('reference data seed', () => {
  it('runs again without duplicating anything', async () => {
    const dataSource = createDataSource(process.env.DATABASE_URL!);
    await dataSource.initialize();
    try {
      const first = await seedReferenceData(dataSource);
      const second = await seedReferenceData(dataSource);
      expect(second).toEqual(first);
      expect(second.units).toBe(UNITS.length);
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
        WHERE c.kind = 'commune' ORDER BY c.code`,
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
