import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency-Keys kept in PostgreSQL. An action sent with a key is recorded with the hash of its
 * request and, once answered, its status and body: a retry gets that first answer, the same key with
 * another body is refused. A submission's key is recorded with the item it made, so a retry finds the
 * item even after Temporal has forgotten its workflow.
 */
export class IdempotencyKeys1796150300000 implements MigrationInterface {
  name = 'IdempotencyKeys1796150300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE action_requests (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        recommendation_id uuid NOT NULL REFERENCES recommendations (id),
        idempotency_key text NOT NULL,
        action text NOT NULL,
        request_hash text NOT NULL,
        -- Null until the first attempt is answered: a retry sends the same Update again.
        status_code smallint CHECK (status_code BETWEEN 200 AND 599),
        answer jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        answered_at timestamptz,
        PRIMARY KEY (user_id, recommendation_id, idempotency_key),
        CHECK ((status_code IS NULL) = (answer IS NULL))
      )`);
    await q.query(`
      CREATE TABLE submission_keys (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        idempotency_key text NOT NULL,
        recommendation_id uuid NOT NULL,
        request_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, idempotency_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE submission_keys`);
    await q.query(`DROP TABLE action_requests`);
  }
}
