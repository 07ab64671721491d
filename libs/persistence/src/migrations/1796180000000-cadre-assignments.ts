import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Today in Việt Nam, the day assignments are in force on. */
const TODAY = `(now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

/** The decision number of assignments made before decisions were recorded: what they came from. */
export const BACKFILL_DECISION = 'Theo dõi trước khi có phân công (chưa ghi số quyết định)';

/**
 * Cadres follow communes by dated assignment: each carries the decision that made it, a first day and
 * (once ended) a last day, and a cadre is assigned a unit at most once on any day. What a cadre sees
 * follows the assignments in force today (`ngk_assigned_units`), so `users.followed_unit_ids`, which had
 * no dates, goes: each cadre's followed units become assignments from the day the account was made.
 *
 * An item has a cadre in charge, who takes its cadre's steps (information, feedback, verification): its
 * submitter, until a reassignment of its commune hands it to the new cadre.
 */
export class CadreAssignments1796180000000 implements MigrationInterface {
  name = 'CadreAssignments1796180000000';

  async up(q: QueryRunner): Promise<void> {
    // valid_to is the last day of the assignment, as units.valid_to is a unit's last day.
    await q.query(`
      CREATE TABLE cadre_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        unit_id uuid NOT NULL REFERENCES units (id),
        decision_no text NOT NULL CHECK (length(btrim(decision_no)) > 0),
        valid_from date NOT NULL,
        valid_to date,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_to IS NULL OR valid_to >= valid_from),
        CONSTRAINT "EXCL_cadre_assignments_overlap" EXCLUDE USING gist
          (user_id WITH =, unit_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
      )`);
    await q.query(`CREATE INDEX "IDX_cadre_assignments_unit" ON cadre_assignments (unit_id, valid_from)`);
    // Accounts carry no creation date: a followed unit counts as assigned since the unit began.
    await q.query(`
      INSERT INTO cadre_assignments (user_id, unit_id, decision_no, valid_from)
      SELECT u.id, n.id, '${BACKFILL_DECISION}', n.valid_from
        FROM users u
        JOIN units n ON n.id = ANY(u.followed_unit_ids)
       WHERE u.role = 'cadre'`);
    await q.query(`
      CREATE FUNCTION ngk_assigned_units(cadre uuid) RETURNS uuid[] LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT COALESCE(array_agg(unit_id ORDER BY unit_id), '{}') FROM cadre_assignments
             WHERE user_id = cadre AND valid_from <= ${TODAY} AND (valid_to IS NULL OR valid_to >= ${TODAY}) $$`);
    await q.query(`ALTER TABLE users DROP COLUMN followed_unit_ids`);

    await q.query(`ALTER TABLE recommendations ADD COLUMN cadre_in_charge uuid REFERENCES users (id)`);
    await q.query(`UPDATE recommendations SET cadre_in_charge = submitted_by`);
    await q.query(`ALTER TABLE recommendations ALTER COLUMN cadre_in_charge SET NOT NULL`);
    // Whoever writes an item (the projection, an import, a script) starts it in its submitter's charge.
    await q.query(`
      CREATE FUNCTION recommendations_cadre_default() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.cadre_in_charge := COALESCE(NEW.cadre_in_charge, NEW.submitted_by);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER recommendations_cadre_default BEFORE INSERT ON recommendations
      FOR EACH ROW EXECUTE FUNCTION recommendations_cadre_default()`);
    await q.query(`CREATE INDEX "IDX_recommendations_cadre_in_charge" ON recommendations (cadre_in_charge)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER recommendations_cadre_default ON recommendations`);
    await q.query(`DROP FUNCTION recommendations_cadre_default`);
    await q.query(`ALTER TABLE recommendations DROP COLUMN cadre_in_charge`);
    await q.query(`ALTER TABLE users ADD COLUMN followed_unit_ids uuid[] NOT NULL DEFAULT '{}'`);
    await q.query(`UPDATE users SET followed_unit_ids = ngk_assigned_units(id) WHERE role = 'cadre'`);
    await q.query(`DROP FUNCTION ngk_assigned_units`);
    await q.query(`DROP TABLE cadre_assignments`);
  }
}
