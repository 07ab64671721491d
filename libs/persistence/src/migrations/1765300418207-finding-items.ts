import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finding items again. Each item gets a human reference number, `KN-<year of submission>-<number>`: the
 * number comes from one sequence that never restarts, so it alone names one item ("000123" finds it), and
 * no lock serialises submissions the way a per-year counter row would. Existing rows are numbered in
 * order of submission. The list sorts by last activity (`updated_at`, the time of the item's latest
 * event) and by resolution deadline, each with an index that serves its keyset pages.
 */
export class FindingItems1765300418207 implements MigrationInterface {
  name = 'FindingItems1765300418207';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE recommendation_reference_seq AS bigint`);
    await q.query(`ALTER TABLE recommendations ADD COLUMN reference_seq bigint`);
    await q.query(
      `UPDATE recommendations r SET reference_seq = n.rn
         FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS rn FROM recommendations) n
        WHERE n.id = r.id`,
    );
    await q.query(
      `SELECT setval('recommendation_reference_seq', COALESCE((SELECT max(reference_seq) FROM recommendations), 0) + 1, false)`,
    );
    await q.query(
      `ALTER TABLE recommendations
         ALTER COLUMN reference_seq SET DEFAULT nextval('recommendation_reference_seq'),
         ALTER COLUMN reference_seq SET NOT NULL`,
    );
    await q.query(`ALTER SEQUENCE recommendation_reference_seq OWNED BY recommendations.reference_seq`);
    await q.query(
      `ALTER TABLE recommendations ADD COLUMN reference text GENERATED ALWAYS AS (
         'KN-' || extract(year FROM created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int::text || '-'
               || lpad(reference_seq::text, 6, '0')) STORED`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_recommendations_reference_seq" ON recommendations (reference_seq)`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_recommendations_reference" ON recommendations (reference)`);
    await q.query(
      `CREATE INDEX "IDX_recommendations_activity_id" ON recommendations (updated_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX "IDX_recommendations_deadline_id"
         ON recommendations ((COALESCE(resolution_due_at, 'infinity'::timestamptz)), id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_recommendations_deadline_id"`);
    await q.query(`DROP INDEX "IDX_recommendations_activity_id"`);
    await q.query(`ALTER TABLE recommendations DROP COLUMN reference`);
    await q.query(`ALTER TABLE recommendations DROP COLUMN reference_seq`);
  }
}
