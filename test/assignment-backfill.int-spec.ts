import { createDataSource } from '@ngk/persistence';
import { MIGRATIONS } from '../libs/persistence/src/migrations';
import {
  BACKFILL_DECISION,
  CadreAssignments1796180000000,
} from '../libs/persistence/src/migrations/1796180000000-cadre-assignments';
import { migrateDatabase } from '../scripts/lib/database';
import { dropDatabase, provideDatabase } from '../scripts/lib/postgres';
import { sqlAt, testPostgres } from './support/fixtures';

/**
 * The migration to dated assignments keeps what each cadre followed: every followed unit becomes an
 * assignment since the unit began, naming no decision, and every item starts in its submitter's charge.
 * On a database of its own, taken back to the undated list and forward again.
 */
describe('cadre assignments on an existing database', () => {
  const postgres = testPostgres();
  const scratch = `ngk_assign_${process.pid}`;
  let url = '';

  beforeAll(async () => {
    const urls = await provideDatabase(postgres, scratch);
    await migrateDatabase(urls, { seed: true, demo: true });
    // As the owner: the test undoes migrations.
    url = urls.owner;
  });

  afterAll(async () => {
    await dropDatabase(postgres.adminUrl, scratch);
  });

  it('turns each followed unit into an assignment in force, and back', async () => {
    const dataSource = createDataSource(url, { logging: ['error'] });
    await dataSource.initialize();
    try {
      const later = MIGRATIONS.length - MIGRATIONS.indexOf(CadreAssignments1796180000000);
      for (let i = 0; i < later; i++) await dataSource.undoLastMigration({ transaction: 'each' });
      // Going back keeps the demo cadres' communes in the undated list.
      const [before] = await sqlAt<{ followed: string[] }>(
        url,
        `SELECT ARRAY(SELECT n.code FROM units n WHERE n.id = ANY(u.followed_unit_ids) ORDER BY n.code) AS followed
           FROM users u WHERE username = 'cadre.phule'`,
      );
      expect(before.followed).toEqual(['binh-thanh', 'phu-le']);
      await sqlAt(
        url,
        `UPDATE users SET followed_unit_ids = ARRAY(SELECT id FROM units WHERE code IN ('hoa-loi', 'an-thanh'))
          WHERE username = 'cadre.anthanh'`,
      );
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await dataSource.destroy();
    }
    const rows = await sqlAt<{ code: string; decision: string; from: string; to: string | null }>(
      url,
      `SELECT n.code, a.decision_no AS decision, (a.valid_from = n.valid_from) AS from, a.valid_to AS to
         FROM cadre_assignments a JOIN users u ON u.id = a.user_id JOIN units n ON n.id = a.unit_id
        WHERE u.username = 'cadre.anthanh' ORDER BY n.code`,
    );
    expect(rows).toEqual([
      { code: 'an-thanh', decision: BACKFILL_DECISION, from: true, to: null },
      { code: 'hoa-loi', decision: BACKFILL_DECISION, from: true, to: null },
    ]);
    const [inForce] = await sqlAt<{ n: number }>(
      url,
      `SELECT cardinality(ngk_assigned_units(id)) AS n FROM users WHERE username = 'cadre.anthanh'`,
    );
    expect(inForce.n).toBe(2);
    const [column] = await sqlAt<{ n: number }>(
      url,
      `SELECT count(*)::int AS n FROM information_schema.columns
        WHERE table_name = 'users' AND column_name = 'followed_unit_ids'`,
    );
    expect(column.n).toBe(0);
  });
});
