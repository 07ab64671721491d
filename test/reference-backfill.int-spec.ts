import { randomUUID } from 'node:crypto';
import { FindingItems1765300418207 } from '../libs/persistence/src/migrations/1765300418207-finding-items';
import { sqlAt } from './support/fixtures';
import { backToBefore, useScratchDatabase } from './support/scratch-database';

/**
 * The migration that brings reference numbers numbers the items a database already holds in order of
 * submission, and the items submitted after it go on from there. On a database of its own, taken back to
 * the schema before reference numbers and forward again.
 */
describe('reference numbers on an existing database', () => {
  const scratch = useScratchDatabase('refs');

  it('numbers existing rows by submission time, then new ones after them', async () => {
    // Back to the schema before the migration, with the data it must carry forward.
    await backToBefore(scratch.ownerUrl, FindingItems1765300418207, async () => {
      const [cadre] = await sqlAt<{ id: string }>(
        scratch.ownerUrl,
        `SELECT id FROM users WHERE username = 'cadre.hoaloi'`,
      );
      const [commune] = await sqlAt<{ id: string }>(
        scratch.ownerUrl,
        `SELECT id FROM units WHERE code = 'hoa-loi'`,
      );
      const insert = (title: string, created: string) =>
        sqlAt(
          scratch.ownerUrl,
          `INSERT INTO recommendations (id, workflow_id, title, situation, proposal, category_code, locality_unit_id,
             urgency, submitted_by, status, created_at)
           VALUES ($1::uuid, $1::text, $2, 'Tình hình', 'Đề xuất', 'infrastructure', $3, 'normal', $4, 'triage', $5)`,
          [randomUUID(), title, commune.id, cadre.id, created],
        );
      // Inserted out of order; the last one falls in 2026 in Việt Nam though still 2025 in UTC.
      await insert('thứ ba', '2025-12-31T17:30:00Z');
      await insert('thứ nhất', '2024-02-01T03:00:00Z');
      await insert('thứ hai', '2025-06-01T03:00:00Z');
    });
    await sqlAt(
      scratch.ownerUrl,
      `INSERT INTO recommendations (id, workflow_id, title, situation, proposal, category_code, locality_unit_id,
         urgency, submitted_by, status, created_at)
       SELECT gen_random_uuid(), gen_random_uuid()::text, 'thứ tư', situation, proposal, category_code,
              locality_unit_id, urgency, submitted_by, status, '2026-03-01T03:00:00Z'
         FROM recommendations LIMIT 1`,
    );
    const rows = await sqlAt<{ title: string; reference: string }>(
      scratch.ownerUrl,
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
      sqlAt(scratch.ownerUrl, `UPDATE recommendations SET reference_seq = 1 WHERE title = 'thứ tư'`),
    ).rejects.toThrow(/IDX_recommendations_reference_seq/);
  });
});
