import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each user chooses immediate email or one daily digest; a notification kept for the digest waits as
 * 'digest' until the morning's run claims it, so it is emailed once either way.
 */
export class EmailDigest1765314467000 implements MigrationInterface {
  name = 'EmailDigest1765314467000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE users ADD COLUMN email_digest text NOT NULL DEFAULT 'immediate'
         CONSTRAINT "CHK_users_email_digest" CHECK (email_digest IN ('immediate', 'daily'))`,
    );
    await q.query(`
      ALTER TABLE notifications DROP CONSTRAINT notifications_email_status_check,
        ADD CONSTRAINT notifications_email_status_check
          CHECK (email_status IN ('pending', 'sending', 'sent', 'skipped', 'digest'))`);
    await q.query(
      `CREATE INDEX "IDX_notifications_digest" ON notifications (user_id, created_at) WHERE email_status = 'digest'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_notifications_digest"`);
    await q.query(`UPDATE notifications SET email_status = 'skipped' WHERE email_status = 'digest'`);
    await q.query(`
      ALTER TABLE notifications DROP CONSTRAINT notifications_email_status_check,
        ADD CONSTRAINT notifications_email_status_check
          CHECK (email_status IN ('pending', 'sending', 'sent', 'skipped'))`);
    await q.query(`ALTER TABLE users DROP COLUMN email_digest`);
  }
}
