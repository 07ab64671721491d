import type { DataSource, EntityManager } from 'typeorm';
import * as bcrypt from 'bcryptjs';
import {
  CATEGORIES,
  DEMO_EMAIL_DOMAIN,
  DEMO_PASSWORD,
  DEMO_USERS,
  ROUTING_RULES,
  SLA_POLICIES,
  UNITS,
} from './reference-data';

/** bcrypt cost for stored passwords: about 50–100 ms a hash on this class of machine. */
export const PASSWORD_COST = 10;

/** Valid-from date of the seeded units; reforms add rows with later dates rather than editing these. */
const SEED_VALID_FROM = '2020-01-01';

export interface SeedSummary {
  units: number;
  categories: number;
  slaPolicies: number;
  routingRules: number;
  users: number;
}

/**
 * Loads the reference data in one transaction. Keyed by code, so a second run updates names in place
 * and never duplicates a row.
 */
export async function seedReferenceData(dataSource: DataSource): Promise<SeedSummary> {
  return dataSource.transaction(async (tx) => {
    const unitIds = new Map<string, string>();
    for (const unit of UNITS) {
      const parentId = unit.parent === null ? null : requireId(unitIds, unit.parent);
      const [row] = await tx.query(
        `INSERT INTO units (code, kind, name_vi, name_en, parent_id, head_title, valid_from)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (code) DO UPDATE SET kind = EXCLUDED.kind, name_vi = EXCLUDED.name_vi,
           name_en = EXCLUDED.name_en, parent_id = EXCLUDED.parent_id, head_title = EXCLUDED.head_title
         RETURNING id`,
        [unit.code, unit.kind, unit.nameVi, unit.nameEn, parentId, unit.headTitle ?? null, SEED_VALID_FROM],
      );
      unitIds.set(unit.code, row.id);
    }
    // Supervisors may come later in the list than the units they supervise: set them once all exist.
    for (const unit of UNITS) {
      await tx.query(`UPDATE units SET supervisor_id = $2 WHERE code = $1`, [
        unit.code,
        unit.supervisor ? requireId(unitIds, unit.supervisor) : null,
      ]);
    }
    for (const c of CATEGORIES) {
      await tx.query(
        `INSERT INTO categories (code, name_vi, name_en) VALUES ($1, $2, $3)
         ON CONFLICT (code) DO UPDATE SET name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en`,
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
          r.locality === null ? null : requireId(unitIds, r.locality),
          requireId(unitIds, r.lead),
          r.coordinating.map((c) => requireId(unitIds, c)),
          r.slaPolicyCode,
          r.priority ?? 0,
        ],
      );
    }
    const demoHash = await bcrypt.hash(DEMO_PASSWORD, PASSWORD_COST);
    for (const u of DEMO_USERS) {
      await tx.query(
        `INSERT INTO users (username, display_name, role, unit_id, followed_unit_ids, email, password_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name,
           email = COALESCE(users.email, EXCLUDED.email),
           -- A password someone set is theirs: only accounts without one get the demo password.
           password_hash = COALESCE(users.password_hash, EXCLUDED.password_hash)`,
        [
          u.username,
          u.displayName,
          u.role,
          u.unit === null ? null : requireId(unitIds, u.unit),
          u.follows.map((c) => requireId(unitIds, c)),
          `${u.username}@${DEMO_EMAIL_DOMAIN}`,
          demoHash,
        ],
      );
    }
    return countAll(tx);
  });
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

function requireId(ids: Map<string, string>, code: string): string {
  const id = ids.get(code);
  if (!id) throw new Error(`reference data refers to unknown unit code "${code}"`);
  return id;
}
