import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The emails not yet sent, indexed by age: /metrics counts them and reads the oldest on every scrape, and
 * the index holds only the few rows in flight, however many notifications the years have kept.
 */
export class EmailOutboxIndex1765200000000 implements MigrationInterface {
  name = 'EmailOutboxIndex1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "IDX_notifications_email_unsent" ON notifications (created_at) WHERE email_status IN ('pending', 'sending')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_notifications_email_unsent"`);
  }
}
