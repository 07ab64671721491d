import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An email the mail server refused for good is 'failed' with its reason, and one whose sender died while
 * sending is 'unknown' (it may have been delivered, so it is not resent). Each row counts its attempts, so
 * a mailbox that keeps answering "try later" is given up on after a cap, and records when it was claimed,
 * so a claim left by a crashed worker can be found.
 */
export class EmailFailures1765401600000 implements MigrationInterface {
  name = 'EmailFailures1765401600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notifications
        ADD COLUMN email_attempts int NOT NULL DEFAULT 0,
        ADD COLUMN email_error text,
        ADD COLUMN email_claimed_at timestamptz,
        DROP CONSTRAINT notifications_email_status_check,
        ADD CONSTRAINT notifications_email_status_check
          CHECK (email_status IN ('pending', 'sending', 'sent', 'skipped', 'digest', 'failed', 'unknown'))`);
    // Claims made before claims were timed: counted from now, so the sweeper treats them as fresh ones.
    await q.query(`UPDATE notifications SET email_claimed_at = now() WHERE email_status = 'sending'`);
    await q.query(
      `CREATE INDEX "IDX_notifications_email_sending" ON notifications (email_claimed_at) WHERE email_status = 'sending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_notifications_email_sending"`);
    await q.query(
      `UPDATE notifications SET email_status = 'skipped' WHERE email_status IN ('failed', 'unknown')`,
    );
    await q.query(`
      ALTER TABLE notifications
        DROP CONSTRAINT notifications_email_status_check,
        ADD CONSTRAINT notifications_email_status_check
          CHECK (email_status IN ('pending', 'sending', 'sent', 'skipped', 'digest')),
        DROP COLUMN email_claimed_at,
        DROP COLUMN email_error,
        DROP COLUMN email_attempts`);
  }
}
