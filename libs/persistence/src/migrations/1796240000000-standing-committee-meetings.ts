import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Standing Committee's meetings (issue 18): a date, a title and an agenda proposed from the items
 * before the committee, the items overdue at level 1, ruling requests and flagged emerging issues. The
 * secretariat edits the lines until the agenda is frozen; each line then takes one ruling, and a ruling
 * on an item records the directive event its workflow wrote.
 */
export class StandingCommitteeMeetings1796240000000 implements MigrationInterface {
  name = 'StandingCommitteeMeetings1796240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sc_meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_date date NOT NULL,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'frozen', 'done')),
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        frozen_at timestamptz,
        frozen_by uuid REFERENCES users (id),
        follow_up_at timestamptz,
        done_at timestamptz,
        CHECK ((status = 'draft') = (frozen_at IS NULL)),
        CHECK ((status = 'done') = (done_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX "IDX_sc_meetings_date" ON sc_meetings (meeting_date DESC)`);
    await q.query(`
      CREATE TABLE sc_agenda_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES sc_meetings (id) ON DELETE CASCADE,
        position int NOT NULL CHECK (position >= 0),
        source text NOT NULL CHECK (source IN
          ('standing-committee-review', 'overdue-level-1', 'ruling-request', 'emerging-issue', 'added')),
        recommendation_id uuid REFERENCES recommendations (id),
        report_issue_id uuid REFERENCES report_issues (id),
        note text,
        ruling_kind text CHECK (ruling_kind IN ('new-deadline', 'new-lead-unit', 'close', 'text')),
        ruling_text text,
        ruling_due_date date,
        ruling_working_days int,
        ruling_lead_unit_id uuid REFERENCES units (id),
        ruled_at timestamptz,
        ruled_by uuid REFERENCES users (id),
        applied_at timestamptz,
        applied_event_seq int,
        applied_event_type text,
        applied_refusal text,
        follow_up_due_at timestamptz,
        follow_up_status text,
        CHECK ((recommendation_id IS NULL) <> (report_issue_id IS NULL)),
        CHECK ((ruling_kind IS NULL) = (ruled_at IS NULL)),
        UNIQUE (meeting_id, recommendation_id),
        UNIQUE (meeting_id, report_issue_id)
      )`);
    await q.query(`CREATE INDEX "IDX_sc_agenda_lines_meeting" ON sc_agenda_lines (meeting_id, position)`);
    await q.query(
      `CREATE INDEX "IDX_sc_agenda_lines_item" ON sc_agenda_lines (recommendation_id) WHERE recommendation_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "IDX_sc_agenda_lines_issue" ON sc_agenda_lines (report_issue_id) WHERE report_issue_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sc_agenda_lines`);
    await q.query(`DROP TABLE sc_meetings`);
  }
}
