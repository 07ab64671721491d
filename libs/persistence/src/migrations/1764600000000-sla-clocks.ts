import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SLA clocks: the calendar's overrides, reminder points and the directive deadline in each policy, who
 * supervises a unit (level-1 escalations and extension decisions), and the deadline state of items and
 * tasks in the read model.
 */
export class SlaClocks1764600000000 implements MigrationInterface {
  name = 'SlaClocks1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_overrides (
        date date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('holiday', 'working')),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        legal_basis text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      ALTER TABLE sla_policies
        ADD COLUMN directive_days int NOT NULL DEFAULT 10 CHECK (directive_days > 0),
        ADD COLUMN reminder_points jsonb NOT NULL
          DEFAULT '[{"workingDaysBefore": 2, "at": "08:00"}, {"workingDaysBefore": 0, "at": "08:00"}]'`);
    await q.query(`ALTER TABLE units ADD COLUMN supervisor_id uuid REFERENCES units(id)`);
    await q.query(`
      ALTER TABLE recommendations
        ADD COLUMN sla_policy_code text,
        ADD COLUMN supervising_unit_id uuid REFERENCES units(id),
        ADD COLUMN clock_paused_at timestamptz,
        ADD COLUMN extension_count int NOT NULL DEFAULT 0,
        ADD COLUMN extension_requested_by uuid REFERENCES users(id),
        ADD COLUMN feedback_due_at timestamptz,
        ADD COLUMN verification_due_at timestamptz,
        ADD COLUMN directive_due_at timestamptz`);
    await q.query(
      `CREATE INDEX "IDX_recommendations_escalation" ON recommendations (escalation_level) WHERE escalation_level > 0`,
    );
    await q.query(`ALTER TABLE tasks ADD COLUMN overdue boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_role_check`);
    await q.query(
      `ALTER TABLE tasks ADD CONSTRAINT tasks_role_check
         CHECK (role IN ('lead', 'coordinating', 'triage', 'directive', 'extension'))`,
    );
    // When the read model saw the event, beside when the workflow says it happened: their gap is the lag.
    await q.query(
      `ALTER TABLE recommendation_events ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE recommendation_events DROP COLUMN recorded_at`);
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_role_check`);
    await q.query(
      `ALTER TABLE tasks ADD CONSTRAINT tasks_role_check CHECK (role IN ('lead', 'coordinating', 'triage', 'directive'))`,
    );
    await q.query(`ALTER TABLE tasks DROP COLUMN overdue`);
    await q.query(`DROP INDEX "IDX_recommendations_escalation"`);
    await q.query(`
      ALTER TABLE recommendations DROP COLUMN sla_policy_code, DROP COLUMN supervising_unit_id,
        DROP COLUMN clock_paused_at, DROP COLUMN extension_count, DROP COLUMN extension_requested_by, DROP COLUMN feedback_due_at,
        DROP COLUMN verification_due_at, DROP COLUMN directive_due_at`);
    await q.query(`ALTER TABLE units DROP COLUMN supervisor_id`);
    await q.query(`ALTER TABLE sla_policies DROP COLUMN directive_days, DROP COLUMN reminder_points`);
    await q.query(`DROP TABLE calendar_overrides`);
  }
}
