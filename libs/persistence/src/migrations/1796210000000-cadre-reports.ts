import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cadre's periodic report in the agreed short form (issue 18): one per cadre, per assigned commune,
 * per period, opened by a schedule with a deadline. Its emerging issues are rows of their own, so the
 * Organization Board reads them across communes by category, flags one for the Standing Committee's
 * agenda, or turns one into a recommendation.
 */
export class CadreReports1796210000000 implements MigrationInterface {
  name = 'CadreReports1796210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cadre_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cadre_user_id uuid NOT NULL REFERENCES users (id),
        commune_unit_id uuid NOT NULL REFERENCES units (id),
        period_kind text NOT NULL CHECK (period_kind IN ('month', 'quarter')),
        period_start date NOT NULL,
        period_end date NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'draft', 'submitted')),
        overdue_at timestamptz,
        field_visits jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(field_visits) = 'array'),
        note text,
        submitted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (period_end >= period_start),
        CHECK ((status = 'submitted') = (submitted_at IS NOT NULL)),
        UNIQUE (cadre_user_id, commune_unit_id, period_kind, period_start)
      )`);
    await q.query(`CREATE INDEX "IDX_cadre_reports_period" ON cadre_reports (period_start, commune_unit_id)`);
    await q.query(`
      CREATE TABLE report_issues (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES cadre_reports (id),
        category_code text NOT NULL REFERENCES categories (code),
        text text NOT NULL CHECK (length(btrim(text)) > 0),
        flagged_for_agenda_at timestamptz,
        flagged_by uuid REFERENCES users (id),
        recommendation_id uuid REFERENCES recommendations (id),
        position int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX "IDX_report_issues_report" ON report_issues (report_id)`);
    await q.query(
      `CREATE INDEX "IDX_report_issues_flagged" ON report_issues (flagged_for_agenda_at) WHERE flagged_for_agenda_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_issues`);
    await q.query(`DROP TABLE cadre_reports`);
  }
}
