import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An event's task changes in one round trip. A projection used to send one statement per change: a
 * routing to a lead and two coordinating units sent nine (three opens, three deadlines, three overdue
 * flags), each waiting for PostgreSQL's answer inside the event's transaction. The function applies them
 * in the order TaskChanges promises (closes, then opens, then deadlines, then overdue flags), each as the
 * statement it replaces, so the outcome is the same row for row. It runs with the caller's rights.
 */
export class TaskChangesInOneCall1796290000000 implements MigrationInterface {
  name = 'TaskChangesInOneCall1796290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ngk_apply_task_changes(item uuid, seq int, at timestamptz, changes jsonb)
        RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        c jsonb;
      BEGIN
        FOR c IN SELECT jsonb_array_elements(COALESCE(changes->'close', '[]')) LOOP
          UPDATE tasks SET status = c->>'status', closed_seq = seq, closed_at = at, outcome_note = c->>'note'
           WHERE recommendation_id = item AND role = c->>'role' AND status = 'open'
             AND (c->>'unitId' IS NULL OR unit_id = (c->>'unitId')::uuid);
        END LOOP;
        FOR c IN SELECT jsonb_array_elements(COALESCE(changes->'open', '[]')) LOOP
          INSERT INTO tasks (recommendation_id, unit_id, role, status, opened_seq, opened_at, due_at)
          VALUES (item, (c->>'unitId')::uuid, c->>'role', 'open', seq, at, (c->>'dueAt')::timestamptz)
          ON CONFLICT DO NOTHING;
        END LOOP;
        FOR c IN SELECT jsonb_array_elements(COALESCE(changes->'due', '[]')) LOOP
          UPDATE tasks SET due_at = (c->>'dueAt')::timestamptz, overdue = false
           WHERE recommendation_id = item AND role = c->>'role' AND status = 'open'
             AND (c->>'unitId' IS NULL OR unit_id = (c->>'unitId')::uuid);
        END LOOP;
        FOR c IN SELECT jsonb_array_elements(COALESCE(changes->'overdue', '[]')) LOOP
          UPDATE tasks SET overdue = (c->>'overdue')::boolean
           WHERE recommendation_id = item AND role = c->>'role' AND status = 'open'
             AND (c->>'unitId' IS NULL OR unit_id = (c->>'unitId')::uuid);
        END LOOP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ngk_apply_task_changes(uuid, int, timestamptz, jsonb)`);
  }
}
