import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tasks per unit (lead and coordinating) and the lifecycle fields the API needs to decide allowed actions. */
export class LifecycleTasks1764500000000 implements MigrationInterface {
  name = 'LifecycleTasks1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE recommendations
        ADD COLUMN dispute_count int NOT NULL DEFAULT 0,
        ADD COLUMN response text,
        ADD COLUMN plan_date date,
        ADD COLUMN budget_year int,
        ADD COLUMN closed_at timestamptz`);
    await q.query(`
      CREATE TABLE tasks (
        id bigserial PRIMARY KEY,
        recommendation_id uuid NOT NULL REFERENCES recommendations(id),
        unit_id uuid NOT NULL REFERENCES units(id),
        role text NOT NULL CHECK (role IN ('lead', 'coordinating', 'triage', 'directive')),
        status text NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
        opened_seq int NOT NULL,
        closed_seq int,
        opened_at timestamptz NOT NULL,
        closed_at timestamptz,
        due_at timestamptz,
        outcome_note text
      )`);
    // A task is opened once per (item, unit, role, event): a retried projection cannot open it twice.
    await q.query(
      `CREATE UNIQUE INDEX "IDX_tasks_opened" ON tasks (recommendation_id, unit_id, role, opened_seq)`,
    );
    await q.query(`CREATE INDEX "IDX_tasks_unit_open" ON tasks (unit_id, status, due_at)`);
    await q.query(`CREATE INDEX "IDX_tasks_recommendation" ON tasks (recommendation_id)`);
    await q.query(
      `CREATE INDEX "IDX_recommendations_created_id" ON recommendations (created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX "IDX_recommendations_overdue" ON recommendations (overdue) WHERE overdue`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_recommendations_overdue"`);
    await q.query(`DROP INDEX "IDX_recommendations_created_id"`);
    await q.query(`DROP TABLE tasks`);
    await q.query(`
      ALTER TABLE recommendations DROP COLUMN dispute_count, DROP COLUMN response, DROP COLUMN plan_date,
        DROP COLUMN budget_year, DROP COLUMN closed_at`);
  }
}
