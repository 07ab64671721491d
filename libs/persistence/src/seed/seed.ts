import type { DataSource, EntityManager } from 'typeorm';
import * as bcrypt from 'bcryptjs';
import {
  CATEGORIES,
  DEMO_EMAIL_DOMAIN,
  DEMO_PASSWORD,
  DEMO_UNITS,
  DEMO_USERS,
  ROUTING_RULES,
  SLA_POLICIES,
  UNITS,
  type UnitSeed,
} from './reference-data';
import { DEMO_RESPONSE_TEMPLATES } from './demo-templates';

/** bcrypt cost for stored passwords: about 50–100 ms a hash on this class of machine. */
export const PASSWORD_COST = 10;

/** Valid-from date of the article's units; later units carry their own date, and reforms end units rather than editing them. */
const SEED_VALID_FROM = '2020-01-01';

export interface SeedSummary {
  units: number;
  categories: number;
  slaPolicies: number;
  routingRules: number;
  users: number;
}

/**
 * Inserts the reference data (units, categories, SLA policies, routing rules) that is missing, in one
 * transaction. Keyed by code, and a row that exists is never touched: an admin's edits survive a re-run.
 */
export async function seedReferenceData(dataSource: DataSource): Promise<SeedSummary> {
  return dataSource.transaction(async (tx) => {
    await insertUnits(tx, UNITS);
    for (const c of CATEGORIES) {
      await tx.query(
        `INSERT INTO categories (code, name_vi, name_en) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING`,
        [c.code, c.nameVi, c.nameEn],
      );
    }
    for (const p of SLA_POLICIES) {
      await tx.query(
        `INSERT INTO sla_policies (code, category_code, urgency, acknowledge_days, coordination_days,
           resolution_days, feedback_days, verification_grace_days, escalation_grace_days, directive_days)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (code) DO NOTHING`,
        [
          p.code,
          p.categoryCode,
          p.urgency,
          p.acknowledgeDays,
          p.coordinationDays,
          p.resolutionDays,
          p.feedbackDays,
          p.verificationGraceDays,
          p.escalationGraceDays,
          p.directiveDays,
        ],
      );
    }
    for (const r of ROUTING_RULES) {
      await tx.query(
        `INSERT INTO routing_rules (code, category_code, locality_unit_id, lead_unit_id, coordinating_unit_ids,
           sla_policy_code, priority)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING`,
        [
          r.code,
          r.categoryCode,
          r.locality === null ? null : await unitId(tx, r.locality),
          await unitId(tx, r.lead),
          await unitIds(tx, r.coordinating),
          r.slaPolicyCode,
          r.priority ?? 0,
        ],
      );
    }
    return countAll(tx);
  });
}

/** The decision the demo cadres' assignments name. */
const DEMO_DECISION = 'Phân công mẫu (dữ liệu demo)';

/**
 * The demo accounts (one per role, all with DEMO_PASSWORD) and a few response templates: for `npm run
 * up`, tests and benchmarks, never for a production install. Needs the reference data's units and
 * categories. A password someone set is kept.
 */
export async function seedDemoAccounts(
  dataSource: DataSource,
  nodeEnv: string | undefined = process.env.NODE_ENV,
): Promise<SeedSummary> {
  if (nodeEnv === 'production') {
    throw new Error(
      'demo accounts are refused when NODE_ENV is production: they share a published password (npm run up and NGK_DEMO=1 ask for them)',
    );
  }
  const demoHash = await bcrypt.hash(DEMO_PASSWORD, PASSWORD_COST);
  return dataSource.transaction(async (tx) => {
    await insertUnits(tx, DEMO_UNITS);
    for (const u of DEMO_USERS) {
      const [user]: { id: string }[] = await tx.query(
        `INSERT INTO users (username, display_name, role, unit_id, email, password_hash)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name,
           email = COALESCE(users.email, EXCLUDED.email),
           password_hash = COALESCE(users.password_hash, EXCLUDED.password_hash)
         RETURNING id`,
        [
          u.username,
          u.displayName,
          u.role,
          u.unit === null ? null : await unitId(tx, u.unit),
          `${u.username}@${DEMO_EMAIL_DOMAIN}`,
          demoHash,
        ],
      );
      // The communes a demo cadre follows, assigned since each began; an assignment an admin ended or
      // changed is left as it is.
      await tx.query(
        `INSERT INTO cadre_assignments (user_id, unit_id, decision_no, valid_from)
         SELECT $1, n.id, $3, n.valid_from FROM units n
          WHERE n.id = ANY($2::uuid[])
            AND NOT EXISTS (SELECT 1 FROM cadre_assignments a WHERE a.user_id = $1 AND a.unit_id = n.id)`,
        [user.id, await unitIds(tx, u.follows), DEMO_DECISION],
      );
    }
    // Keyed by name: a template that exists, edited or retired since, is left as it is.
    for (const template of DEMO_RESPONSE_TEMPLATES) {
      await tx.query(
        `INSERT INTO response_templates (name, outcome, category_code, body) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [template.name, template.outcome, template.categoryCode, template.body],
      );
    }
    return countAll(tx);
  });
}

/**
 * Inserts the units that are missing, keyed by code; a unit that exists is never touched, so an admin's
 * edits (and a reorganization's end dates) survive a re-run.
 */
async function insertUnits(tx: EntityManager, units: UnitSeed[]): Promise<void> {
  const inserted = new Set<string>();
  for (const unit of units) {
    const parentId = unit.parent === null ? null : await unitId(tx, unit.parent);
    const rows = await tx.query(
      `INSERT INTO units (code, kind, name_vi, name_en, parent_id, head_title, valid_from, demo)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (code) DO NOTHING RETURNING id`,
      [
        unit.code,
        unit.kind,
        unit.nameVi,
        unit.nameEn,
        parentId,
        unit.headTitle ?? null,
        unit.validFrom ?? SEED_VALID_FROM,
        unit.demo ?? false,
      ],
    );
    if (rows.length > 0) inserted.add(unit.code);
  }
  // Supervisors may come later in the list than the units they supervise: set them once all exist,
  // on the units inserted now only.
  for (const unit of units) {
    if (!inserted.has(unit.code) || !unit.supervisor) continue;
    await tx.query(`UPDATE units SET supervisor_id = $2 WHERE code = $1`, [
      unit.code,
      await unitId(tx, unit.supervisor),
    ]);
  }
}

async function countAll(tx: EntityManager): Promise<SeedSummary> {
  const [row] = await tx.query(`SELECT
    (SELECT count(*) FROM units)::int AS units,
    (SELECT count(*) FROM categories)::int AS categories,
    (SELECT count(*) FROM sla_policies)::int AS "slaPolicies",
    (SELECT count(*) FROM routing_rules)::int AS "routingRules",
    (SELECT count(*) FROM users)::int AS users`);
  return row;
}

async function unitId(tx: EntityManager, code: string): Promise<string> {
  return (await unitIds(tx, [code]))[0];
}

/** Ids of units by code, in the order given; a code missing from the table is an error naming it. */
async function unitIds(tx: EntityManager, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows: { code: string; id: string }[] = await tx.query(
    `SELECT code, id FROM units WHERE code = ANY($1)`,
    [codes],
  );
  const ids = new Map(rows.map((r) => [r.code, r.id]));
  return codes.map((code) => {
    const id = ids.get(code);
    if (!id) throw new Error(`reference data refers to unit code "${code}", which is not in the units table`);
    return id;
  });
}
