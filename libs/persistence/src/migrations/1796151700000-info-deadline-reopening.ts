import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Waiting on the cadre has a deadline, and a closed item can be reopened for a while: each SLA policy
 * says how many working days the cadre has to give information asked for, and how many calendar days
 * after closing the cadre may reopen. The read model shows the cadre's due date, the end of the
 * reopening window, whether the Standing Committee closed the item (no reopening then), and how many
 * times the item was reopened, for the reports.
 */
export class InfoDeadlineReopening1796151700000 implements MigrationInterface {
  name = 'InfoDeadlineReopening1796151700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sla_policies
        ADD COLUMN info_days int NOT NULL DEFAULT 5 CHECK (info_days > 0),
        ADD COLUMN reopen_days int NOT NULL DEFAULT 30 CHECK (reopen_days >= 0)`);
    await q.query(`
      ALTER TABLE recommendations
        ADD COLUMN info_due_at timestamptz,
        ADD COLUMN reopen_until timestamptz,
        ADD COLUMN closed_by_directive boolean NOT NULL DEFAULT false,
        ADD COLUMN reopened_count int NOT NULL DEFAULT 0 CHECK (reopened_count >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE recommendations DROP COLUMN info_due_at, DROP COLUMN reopen_until,
        DROP COLUMN closed_by_directive, DROP COLUMN reopened_count`);
    await q.query(`ALTER TABLE sla_policies DROP COLUMN info_days, DROP COLUMN reopen_days`);
  }
}
