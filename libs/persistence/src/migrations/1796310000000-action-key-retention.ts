import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An action's Idempotency-Key is kept ACTION_KEY_RETENTION_DAYS, then deleted by the API: each record holds
 * the first answer, about 1.8 KiB, and a retry comes within minutes of its request. The index keeps the
 * hourly deletion to the records it deletes.
 */
export class ActionKeyRetention1796310000000 implements MigrationInterface {
  name = 'ActionKeyRetention1796310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX action_requests_created_at ON action_requests (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX action_requests_created_at`);
  }
}
