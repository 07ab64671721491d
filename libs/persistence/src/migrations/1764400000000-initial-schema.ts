import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reference data, the recommendation read model and its append-only event log. */
export class InitialSchema1764400000000 implements MigrationInterface {
  name = 'InitialSchema1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE units (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('standing-committee','triage-office','party-board',
          'provincial-committee','department','district','commune','province')),
        name_vi text NOT NULL,
        name_en text NOT NULL,
        parent_id uuid REFERENCES units(id),
        head_title text,
        valid_from date NOT NULL,
        valid_to date,
        CHECK (valid_to IS NULL OR valid_to > valid_from)
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_units_code" ON units (code)`);
    await q.query(`CREATE INDEX "IDX_units_parent" ON units (parent_id)`);

    await q.query(`
      CREATE TABLE categories (
        code text PRIMARY KEY,
        name_vi text NOT NULL,
        name_en text NOT NULL
      )`);

    await q.query(`
      CREATE TABLE sla_policies (
        code text PRIMARY KEY,
        category_code text REFERENCES categories(code),
        urgency text NOT NULL CHECK (urgency IN ('normal','urgent')),
        acknowledge_days int NOT NULL CHECK (acknowledge_days > 0),
        coordination_days int NOT NULL CHECK (coordination_days > 0),
        resolution_days int NOT NULL CHECK (resolution_days > 0),
        feedback_days int NOT NULL CHECK (feedback_days > 0),
        verification_grace_days int NOT NULL CHECK (verification_grace_days >= 0),
        escalation_grace_days int NOT NULL CHECK (escalation_grace_days >= 0)
      )`);
    // One policy per (category, urgency); NULL category is the default for every category.
    await q.query(
      `CREATE UNIQUE INDEX "IDX_sla_policies_scope" ON sla_policies (COALESCE(category_code, '*'), urgency)`,
    );

    await q.query(`
      CREATE TABLE routing_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        category_code text REFERENCES categories(code),
        locality_unit_id uuid REFERENCES units(id),
        lead_unit_id uuid NOT NULL REFERENCES units(id),
        coordinating_unit_ids uuid[] NOT NULL DEFAULT '{}',
        sla_policy_code text REFERENCES sla_policies(code),
        priority int NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_routing_rules_code" ON routing_rules (code)`);
    await q.query(
      `CREATE INDEX "IDX_routing_rules_match" ON routing_rules (category_code, locality_unit_id)`,
    );

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('cadre','unit-officer','unit-head','standing-committee',
          'leadership-viewer','admin')),
        unit_id uuid REFERENCES units(id),
        followed_unit_ids uuid[] NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_users_username" ON users (username)`);

    await q.query(`
      CREATE TABLE recommendations (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL,
        title text NOT NULL,
        situation text NOT NULL,
        proposal text NOT NULL,
        category_code text NOT NULL REFERENCES categories(code),
        locality_unit_id uuid NOT NULL REFERENCES units(id),
        cost_estimate_vnd bigint CHECK (cost_estimate_vnd >= 0),
        urgency text NOT NULL,
        legal_references text[] NOT NULL DEFAULT '{}',
        attachments jsonb NOT NULL DEFAULT '[]',
        suggested_unit_id uuid REFERENCES units(id),
        submitted_by uuid NOT NULL REFERENCES users(id),
        status text NOT NULL,
        lead_unit_id uuid REFERENCES units(id),
        coordinating_unit_ids uuid[] NOT NULL DEFAULT '{}',
        routing_rule_id uuid,
        acknowledge_due_at timestamptz,
        resolution_due_at timestamptz,
        overdue boolean NOT NULL DEFAULT false,
        escalation_level int NOT NULL DEFAULT 0,
        outcome text,
        last_event_seq int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_recommendations_workflow" ON recommendations (workflow_id)`);
    await q.query(
      `CREATE INDEX "IDX_recommendations_status_created" ON recommendations (status, created_at)`,
    );
    await q.query(`CREATE INDEX "IDX_recommendations_lead_status" ON recommendations (lead_unit_id, status)`);
    await q.query(`CREATE INDEX "IDX_recommendations_category" ON recommendations (category_code)`);
    await q.query(`CREATE INDEX "IDX_recommendations_locality" ON recommendations (locality_unit_id)`);
    await q.query(`CREATE INDEX "IDX_recommendations_submitted_by" ON recommendations (submitted_by)`);

    await q.query(`
      CREATE TABLE recommendation_events (
        id bigserial PRIMARY KEY,
        recommendation_id uuid NOT NULL REFERENCES recommendations(id),
        seq int NOT NULL CHECK (seq > 0),
        type text NOT NULL,
        actor_user_id uuid REFERENCES users(id),
        actor_unit_id uuid REFERENCES units(id),
        occurred_at timestamptz NOT NULL,
        reason text,
        status_before text,
        status_after text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_recommendation_events_seq" ON recommendation_events (recommendation_id, seq)`,
    );
    // The log is evidence: enforce append-only in the database, not only in code.
    await q.query(`
      CREATE FUNCTION recommendation_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'recommendation_events is append-only: % refused', TG_OP USING ERRCODE = 'P0001';
      END $$`);
    await q.query(`
      CREATE TRIGGER recommendation_events_no_change BEFORE UPDATE OR DELETE ON recommendation_events
      FOR EACH ROW EXECUTE FUNCTION recommendation_events_append_only()`);
    await q.query(`
      CREATE TRIGGER recommendation_events_no_truncate BEFORE TRUNCATE ON recommendation_events
      FOR EACH STATEMENT EXECUTE FUNCTION recommendation_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE recommendation_events`);
    await q.query(`DROP FUNCTION recommendation_events_append_only`);
    await q.query(`DROP TABLE recommendations`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE routing_rules`);
    await q.query(`DROP TABLE sla_policies`);
    await q.query(`DROP TABLE categories`);
    await q.query(`DROP TABLE units`);
  }
}
