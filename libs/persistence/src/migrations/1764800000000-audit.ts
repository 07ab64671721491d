import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit: each event records the actor's role and the request that caused it; admin changes to reference
 * data go to their own log. Both logs refuse UPDATE, DELETE and TRUNCATE in the database itself.
 */
export class Audit1764800000000 implements MigrationInterface {
  name = 'Audit1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE recommendation_events ADD COLUMN actor_role text, ADD COLUMN request_id text`);
    await q.query(`
      CREATE TABLE admin_audit (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_user_id uuid NOT NULL REFERENCES users(id),
        actor_role text NOT NULL,
        request_id text,
        entity text NOT NULL,
        entity_key text NOT NULL,
        action text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
        before jsonb,
        after jsonb
      )`);
    await q.query(`CREATE INDEX "IDX_admin_audit_entity" ON admin_audit (entity, entity_key, occurred_at)`);
    await q.query(`
      CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'P0001';
      END $$`);
    await q.query(`
      CREATE TRIGGER admin_audit_no_change BEFORE UPDATE OR DELETE ON admin_audit
      FOR EACH ROW EXECUTE FUNCTION append_only()`);
    await q.query(`
      CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON admin_audit
      FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE admin_audit`);
    await q.query(`DROP FUNCTION append_only`);
    await q.query(`ALTER TABLE recommendation_events DROP COLUMN actor_role, DROP COLUMN request_id`);
  }
}
