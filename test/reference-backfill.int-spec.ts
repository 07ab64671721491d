import { randomUUID } from 'node:crypto';
import { createDataSource } from '@ngk/persistence';
import { MIGRATIONS } from '../libs/persistence/src/migrations';
import { FindingItems1765300418207 } from '../libs/persistence/src/migrations/1765300418207-finding-items';
import { migrateDatabase } from '../scripts/lib/database';
import { dropDatabase, provideDatabase } from '../scripts/lib/postgres';
import { sqlAt, testPostgres } from './support/fixtures';

/**
 * The migration that brings reference numbers numbers the items a database already holds in order of
 * submission, and the items submitted after it go on from there. On a database of its own, taken back to
 * the schema before reference numbers and forward again.
 */
describe('reference numbers on an existing database', () => {
  const postgres = testPostgres();
  const adminUrl = postgres.adminUrl;
  const scratch = `ngk_refs_${process.pid}`;
  let url = '';

  beforeAll(async () => {
    const urls = await provideDatabase(postgres, scratch);
    await migrateDatabase(urls, { seed: true, demo: true });
    // As the owner: the test undoes migrations.
    url = urls.owner;
  });

  afterAll(async () => {
    await dropDatabase(adminUrl, scratch);
  });

  it('numbers existing rows by submission time, then new ones after them', async () => {
    const dataSource = createDataSource(url, { logging: ['error'] });
    await dataSource.initialize();
    try {
      // Back to the schema before reference numbers: undo that migration and every later one.
      const later = MIGRATIONS.length - MIGRATIONS.indexOf(FindingItems1765300418207);
      for (let i = 0; i < later; i++) await dataSource.undoLastMigration({ transaction: 'each' });
      const [cadre] = await sqlAt<{ id: string }>(
        url,
        `SELECT id FROM users WHERE username = 'cadre.hoaloi'`,
      );
      const [commune] = await sqlAt<{ id: string }>(url, `SELECT id FROM units WHERE code = 'hoa-loi'`);
      const insert = (title: string, created: string) =>
        sqlAt(
          url,
          `INSERT INTO recommendations (id, workflow_id, title, situation, proposal, category_code, locality_unit_id,
             urgency, submitted_by, status, created_at)
           VALUES ($1::uuid, $1::text, $2, 'Tình hình', 'Đề xuất', 'infrastructure', $3, 'normal', $4, 'triage', $5)`,
          [randomUUID(), title, commune.id, cadre.id, created],
        );
      // Inserted out of order; the last one falls in 2026 in Việt Nam though still 2025 in UTC.
      await insert('thứ ba', '2025-12-31T17:30:00Z');
      await insert('thứ nhất', '2024-02-01T03:00:00Z');
      await insert('thứ hai', '2025-06-01T03:00:00Z');
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await dataSource.destroy();
    }
    await sqlAt(
      url,
      `INSERT INTO recommendations (id, workflow_id, title, situation, proposal, category_code, locality_unit_id,
         urgency, submitted_by, status, created_at)
       SELECT gen_random_uuid(), gen_random_uuid()::text, 'thứ tư', situation, proposal, category_code,
              locality_unit_id, urgency, submitted_by, status, '2026-03-01T03:00:00Z'
         FROM recommendations LIMIT 1`,
    );
    const rows = await sqlAt<{ title: string; reference: string }>(
      url,
      `SELECT title, reference FROM recommendations ORDER BY reference_seq`,
    );
    expect(rows).toEqual([
      { title: 'thứ nhất', reference: 'KN-2024-000001' },
      { title: 'thứ hai', reference: 'KN-2025-000002' },
      { title: 'thứ ba', reference: 'KN-2026-000003' },
      { title: 'thứ tư', reference: 'KN-2026-000004' },
    ]);
    // The number is the database's, not the writer's: two rows cannot share one.
    await expect(
      sqlAt(url, `UPDATE recommendations SET reference_seq = 1 WHERE title = 'thứ tư'`),
    ).rejects.toThrow(/IDX_recommendations_reference_seq/);
  });
});
