import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Response templates ("mẫu trả lời", issue 18): texts a lead unit starts its written response from when
 * it resolves an item, one per outcome and, optionally, category (none: every category). Admins add,
 * edit and retire them; a retired template is kept, so the audit of what it said stays readable.
 */
export class ResponseTemplates1796250000000 implements MigrationInterface {
  name = 'ResponseTemplates1796250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE response_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        outcome text NOT NULL
          CHECK (outcome IN ('implemented', 'planned', 'partly-accepted', 'not-accepted', 'referred')),
        category_code text REFERENCES categories (code),
        body text NOT NULL CHECK (length(btrim(body)) > 0),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One name, whatever its case: an admin picks a template by name.
    await q.query(`CREATE UNIQUE INDEX "UQ_response_templates_name" ON response_templates (lower(name))`);
    await q.query(
      `CREATE INDEX "IDX_response_templates_fit" ON response_templates (outcome, category_code) WHERE active`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE response_templates`);
  }
}
