import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reorganization is one decision ("Nghị quyết …") that ends units and names each one's successor. Its
 * units list the ended units (successor NULL: several or none, so an admin decides); its items are the
 * record of the run, one row per open item it looked at, which is both its progress and its review list.
 */
export class Reorganizations1796170000000 implements MigrationInterface {
  name = 'Reorganizations1796170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reorganizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        decision_no text NOT NULL,
        decision_date date NOT NULL,
        effective_date date NOT NULL,
        note text,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'running', 'done')),
        -- When the run listed the open items the ended units hold (its items, each 'pending' until moved).
        listed_at timestamptz,
        created_by uuid REFERENCES users (id),
        -- Who started the run: the admin audit names them for what the run changes.
        started_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CHECK (effective_date >= decision_date)
      )`);
    await q.query(`
      CREATE TABLE reorganization_units (
        reorganization_id uuid NOT NULL REFERENCES reorganizations (id) ON DELETE CASCADE,
        unit_id uuid NOT NULL REFERENCES units (id),
        successor_id uuid REFERENCES units (id),
        PRIMARY KEY (reorganization_id, unit_id),
        CHECK (unit_id <> successor_id)
      )`);
    await q.query(`
      CREATE TABLE reorganization_items (
        reorganization_id uuid NOT NULL REFERENCES reorganizations (id) ON DELETE CASCADE,
        recommendation_id uuid NOT NULL REFERENCES recommendations (id),
        outcome text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'moved', 'review', 'skipped')),
        detail jsonb NOT NULL DEFAULT '{}',
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (reorganization_id, recommendation_id)
      )`);
    await q.query(
      `CREATE INDEX "IDX_reorganization_items_outcome" ON reorganization_items (reorganization_id, outcome)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reorganization_items`);
    await q.query(`DROP TABLE reorganization_units`);
    await q.query(`DROP TABLE reorganizations`);
  }
}
