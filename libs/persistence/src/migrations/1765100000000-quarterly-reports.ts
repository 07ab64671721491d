import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quarterly reports: each quarter's province-wide report kept as made, and leadership's notification of
 * it (a notification now concerns either an item's event or a report). Indexes serve the report's
 * quarter-bounded reads.
 */
export class QuarterlyReports1765100000000 implements MigrationInterface {
  name = 'QuarterlyReports1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE quarterly_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        quarter int NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        generated_at timestamptz NOT NULL,
        content jsonb NOT NULL,
        UNIQUE (year, quarter)
      )`);
    await q.query(`
      ALTER TABLE notifications
        ALTER COLUMN recommendation_id DROP NOT NULL,
        ALTER COLUMN event_seq DROP NOT NULL,
        ADD COLUMN report_id uuid REFERENCES quarterly_reports(id),
        ADD CONSTRAINT "CHK_notifications_subject" CHECK (
          (recommendation_id IS NOT NULL AND event_seq IS NOT NULL AND report_id IS NULL)
          OR (recommendation_id IS NULL AND event_seq IS NULL AND report_id IS NOT NULL))`);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_notifications_report_once" ON notifications (report_id, user_id) WHERE report_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX "IDX_recommendations_created" ON recommendations (created_at)`);
    await q.query(
      `CREATE INDEX "IDX_recommendations_resolved" ON recommendations (resolved_at) WHERE resolved_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "IDX_recommendation_events_escalated" ON recommendation_events (occurred_at) WHERE type = 'escalated'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_recommendation_events_escalated"`);
    await q.query(`DROP INDEX "IDX_recommendations_resolved"`);
    await q.query(`DROP INDEX "IDX_recommendations_created"`);
    await q.query(`DELETE FROM notifications WHERE report_id IS NOT NULL`);
    await q.query(`
      ALTER TABLE notifications DROP CONSTRAINT "CHK_notifications_subject", DROP COLUMN report_id,
        ALTER COLUMN recommendation_id SET NOT NULL, ALTER COLUMN event_seq SET NOT NULL`);
    await q.query(`DROP TABLE quarterly_reports`);
  }
}
