import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A submitted report is read-only: corrections are amendments, appended and never changed, shown in the
 * report's timeline. Reminders and overdue notices concern a report, so a notification may name one;
 * `event_seq` then tells a report's notices apart (working days left for a reminder, 0 when overdue) so
 * a repeated run tells nobody twice.
 */
export class CadreReportAmendments1796220000000 implements MigrationInterface {
  name = 'CadreReportAmendments1796220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cadre_report_amendments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES cadre_reports (id),
        author_user_id uuid NOT NULL REFERENCES users (id),
        text text NOT NULL CHECK (length(btrim(text)) > 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX "IDX_cadre_report_amendments_report" ON cadre_report_amendments (report_id, created_at)`,
    );
    await q.query(`
      ALTER TABLE notifications
        ADD COLUMN cadre_report_id uuid REFERENCES cadre_reports (id),
        DROP CONSTRAINT "CHK_notifications_subject",
        ADD CONSTRAINT "CHK_notifications_subject" CHECK (
          (recommendation_id IS NOT NULL AND event_seq IS NOT NULL AND report_id IS NULL AND cadre_report_id IS NULL)
          OR (recommendation_id IS NULL AND event_seq IS NULL AND report_id IS NOT NULL AND cadre_report_id IS NULL)
          OR (recommendation_id IS NULL AND event_seq IS NOT NULL AND report_id IS NULL AND cadre_report_id IS NOT NULL))`);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_notifications_cadre_report_once" ON notifications (cadre_report_id, kind, event_seq, user_id) WHERE cadre_report_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_notifications_cadre_report_once"`);
    await q.query(`DELETE FROM notifications WHERE cadre_report_id IS NOT NULL`);
    await q.query(`
      ALTER TABLE notifications
        DROP CONSTRAINT "CHK_notifications_subject",
        DROP COLUMN cadre_report_id,
        ADD CONSTRAINT "CHK_notifications_subject" CHECK (
          (recommendation_id IS NOT NULL AND event_seq IS NOT NULL AND report_id IS NULL)
          OR (recommendation_id IS NULL AND event_seq IS NULL AND report_id IS NOT NULL))`);
    await q.query(`DROP TABLE cadre_report_amendments`);
  }
}
