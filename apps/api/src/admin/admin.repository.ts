import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { returning } from '@ngk/persistence';
import { revokeUserSessions, type RevokedReason } from '../auth/refresh-tokens.repository';
import type { Actor } from '../common/actor';
import { datedUnits, type DatedUnitRow } from '../common/dated-units.repository';
import { auditAdminChange, type AdminChange } from '../common/admin-audit.repository';

// A cadre's followed units are those of the assignments in force today (cadre_assignments).
const USER_COLUMNS = `id, username, display_name AS "displayName", role, unit_id AS "unitId",
  ngk_assigned_units(id) AS "followedUnitIds", email, email_muted AS "emailMuted", active`;
const POLICY_COLUMNS = `code, category_code AS "categoryCode", urgency, acknowledge_days AS "acknowledgeDays",
  coordination_days AS "coordinationDays", resolution_days AS "resolutionDays", feedback_days AS "feedbackDays",
  verification_grace_days AS "verificationGraceDays", escalation_grace_days AS "escalationGraceDays",
  directive_days AS "directiveDays", info_days AS "infoDays", reopen_days AS "reopenDays",
  reminder_points AS "reminderPoints"`;
const UNIT_COLUMNS = `id, code, kind, name_vi AS "nameVi", name_en AS "nameEn", parent_id AS "parentId",
  supervisor_id AS "supervisorId", head_title AS "headTitle", valid_from::text AS "validFrom", valid_to::text AS "validTo",
  ARRAY(SELECT s.successor_id FROM unit_successors s WHERE s.unit_id = units.id ORDER BY s.successor_id)
    AS "successorIds"`;
const RULE_COLUMNS = `id, code, category_code AS "categoryCode", locality_unit_id AS "localityUnitId",
  lead_unit_id AS "leadUnitId", coordinating_unit_ids AS "coordinatingUnitIds", sla_policy_code AS "slaPolicyCode",
  priority, active`;

/** A row as the admin screens and the audit show it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = Record<string, any>;

export interface AuditRow {
  id: string;
  occurredAt: Date;
  entity: string;
  key: string;
  action: 'create' | 'update' | 'delete';
  actor: { id: string; username: string; displayName: string };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface UnitRow {
  id: string;
  code: string;
  kind: string;
  nameVi: string;
  nameEn: string;
  parentId: string | null;
  supervisorId: string | null;
  headTitle: string | null;
  validFrom: string;
  validTo: string | null;
  successorIds: string[];
}

/** A unit's parent over a span of days, the last day open-ended when null. */
export interface ParentLinkRow {
  parentId: string;
  validFrom: string;
  validTo: string | null;
}

export interface RoutingRuleRow {
  id: string;
  code: string;
  categoryCode: string | null;
  localityUnitId: string | null;
  leadUnitId: string;
  coordinatingUnitIds: string[];
  slaPolicyCode: string | null;
  priority: number;
  active: boolean;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: string;
  unitId: string | null;
  email: string | null;
  passwordHash: string;
}

/** A user's changes; null leaves a field as it is (role and unit are always given). */
export interface UserChange {
  displayName: string | null;
  role: string;
  unitId: string | null;
  email: string | null;
  active: boolean | null;
  passwordHash: string | null;
}

export interface SlaPolicyValues {
  acknowledgeDays: number;
  coordinationDays: number;
  resolutionDays: number;
  feedbackDays: number;
  verificationGraceDays: number;
  escalationGraceDays: number;
  directiveDays: number;
  /** Null: kept as they are. */
  infoDays: number | null;
  reopenDays: number | null;
  reminderPoints: { workingDaysBefore: number; at: string }[];
}

/** All SQL of the admin screens; every change runs in a transaction that also writes its audit record. */
@Injectable()
export class AdminRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs the work in one transaction: the change and its audit record commit together or not at all. */
  transaction<T>(work: (tx: AdminTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new AdminTransaction(manager)));
  }

  users(): Promise<Row[]> {
    return this.dataSource.query(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`);
  }

  /** The kind of each of these units that exists: an id missing from the map is no unit. */
  datedUnits(ids: (string | null | undefined)[]): Promise<Map<string, DatedUnitRow>> {
    return datedUnits(this.dataSource, ids);
  }

  /** Changes to one kind of entity (or one entity), newest first; `latest`: the last change of each. */
  auditChanges(entity: string, key: string | null, latest: boolean, limit: number): Promise<AuditRow[]> {
    return this.dataSource.query(
      `SELECT * FROM (
         SELECT ${latest ? 'DISTINCT ON (a.entity_key)' : ''} a.id::text, a.occurred_at AS "occurredAt",
                a.entity, a.entity_key AS key, a.action, a.before, a.after,
                json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name) AS actor
           FROM admin_audit a JOIN users u ON u.id = a.actor_user_id
          WHERE a.entity = $1 AND ($2::text IS NULL OR a.entity_key = $2)
          ORDER BY ${latest ? 'a.entity_key, ' : ''}a.occurred_at DESC, a.id DESC
       ) changes ORDER BY "occurredAt" DESC, id DESC LIMIT $3`,
      [entity, key, limit],
    );
  }
}

/** The admin writes, inside one transaction. */
export class AdminTransaction {
  constructor(private readonly tx: EntityManager) {}

  audit(actor: Actor, change: AdminChange): Promise<void> {
    return auditAdminChange(this.tx, actor, change);
  }

  datedUnits(ids: (string | null | undefined)[]): Promise<Map<string, DatedUnitRow>> {
    return datedUnits(this.tx, ids);
  }

  /**
   * Active admins other than this user. Callers that remove an admin take the same lock first, so two
   * admins removing each other at once are counted one after the other.
   */
  async otherActiveAdmins(id: string): Promise<number> {
    await this.tx.query(`SELECT pg_advisory_xact_lock(hashtext('ngk:active-admins'))`);
    const [{ count }] = await this.tx.query(
      `SELECT count(*)::int AS count FROM users WHERE role = 'admin' AND active AND id <> $1`,
      [id],
    );
    return count;
  }

  /** The new user; undefined when the username was taken, in any case, by a concurrent insert. */
  async insertUser(user: NewUser): Promise<Row | undefined> {
    const [row] = await this.tx.query(
      `INSERT INTO users (username, display_name, role, unit_id, email, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING ${USER_COLUMNS}`,
      [user.username, user.displayName, user.role, user.unitId, user.email, user.passwordHash],
    );
    return row;
  }

  /**
   * The user, locked until the transaction ends; undefined when there is none. NO KEY UPDATE: the audit's
   * reference to its actor can still be written, so two admins changing each other cannot deadlock.
   */
  async lockUser(id: string): Promise<Row | undefined> {
    const [row] = await this.tx.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 FOR NO KEY UPDATE`, [
      id,
    ]);
    return row;
  }

  async updateUser(id: string, change: UserChange): Promise<Row> {
    const [row] = await returning<Row>(
      this.tx,
      `UPDATE users SET display_name = COALESCE($2, display_name), role = $3, unit_id = $4,
              email = COALESCE($5, email), active = COALESCE($6, active),
              password_hash = COALESCE($7, password_hash)
        WHERE id = $1 RETURNING ${USER_COLUMNS}`,
      [id, change.displayName, change.role, change.unitId, change.email, change.active, change.passwordHash],
    );
    return row;
  }

  revokeSessions(userId: string, reason: RevokedReason): Promise<void> {
    return revokeUserSessions(this.tx, userId, reason);
  }

  async lockSlaPolicy(code: string): Promise<Row | undefined> {
    const [row] = await this.tx.query(
      `SELECT ${POLICY_COLUMNS} FROM sla_policies WHERE code = $1 FOR UPDATE`,
      [code],
    );
    return row;
  }

  async updateSlaPolicy(code: string, policy: SlaPolicyValues): Promise<Row> {
    const [row] = await returning<Row>(
      this.tx,
      `UPDATE sla_policies SET acknowledge_days = $2, coordination_days = $3, resolution_days = $4,
              feedback_days = $5, verification_grace_days = $6, escalation_grace_days = $7, directive_days = $8,
              reminder_points = $9, info_days = COALESCE($10, info_days), reopen_days = COALESCE($11, reopen_days)
        WHERE code = $1 RETURNING ${POLICY_COLUMNS}`,
      [
        code,
        policy.acknowledgeDays,
        policy.coordinationDays,
        policy.resolutionDays,
        policy.feedbackDays,
        policy.verificationGraceDays,
        policy.escalationGraceDays,
        policy.directiveDays,
        JSON.stringify(policy.reminderPoints),
        policy.infoDays,
        policy.reopenDays,
      ],
    );
    return row;
  }

  async codeTaken(table: 'units' | 'routing_rules', code: string): Promise<boolean> {
    return (await this.tx.query(`SELECT 1 FROM ${table} WHERE code = $1`, [code])).length > 0;
  }

  async categoryExists(code: string): Promise<boolean> {
    return (await this.tx.query(`SELECT 1 FROM categories WHERE code = $1`, [code])).length > 0;
  }

  async slaPolicyExists(code: string): Promise<boolean> {
    return (await this.tx.query(`SELECT 1 FROM sla_policies WHERE code = $1`, [code])).length > 0;
  }

  async insertUnit(
    unit: Omit<UnitRow, 'id' | 'parentId' | 'supervisorId' | 'headTitle' | 'validTo' | 'successorIds'> &
      Partial<UnitRow>,
  ): Promise<UnitRow> {
    const [row] = await this.tx.query(
      `INSERT INTO units (code, kind, name_vi, name_en, parent_id, supervisor_id, head_title, valid_from, valid_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${UNIT_COLUMNS}`,
      [
        unit.code,
        unit.kind,
        unit.nameVi,
        unit.nameEn,
        unit.parentId ?? null,
        unit.supervisorId ?? null,
        unit.headTitle ?? null,
        unit.validFrom,
        unit.validTo ?? null,
      ],
    );
    return row;
  }

  /** Every successor link, as unit → successors, to look for cycles. */
  async successorLinks(): Promise<Map<string, string[]>> {
    const rows: { unitId: string; successorIds: string[] }[] = await this.tx.query(
      `SELECT unit_id AS "unitId", array_agg(successor_id) AS "successorIds" FROM unit_successors GROUP BY 1`,
    );
    return new Map(rows.map((r) => [r.unitId, r.successorIds]));
  }

  /** Replaces a unit's successors, each with the decision that named it (when given). */
  async setSuccessors(id: string, successorIds: string[], decidedBy: string | null): Promise<void> {
    await this.tx.query(
      `DELETE FROM unit_successors WHERE unit_id = $1 AND successor_id <> ALL($2::uuid[])`,
      [id, successorIds],
    );
    await this.tx.query(
      `INSERT INTO unit_successors (unit_id, successor_id, decided_by)
       SELECT $1, s, $3 FROM unnest($2::uuid[]) s
       ON CONFLICT (unit_id, successor_id) DO UPDATE SET decided_by = COALESCE(EXCLUDED.decided_by, unit_successors.decided_by)`,
      [id, successorIds, decidedBy],
    );
  }

  /** A unit's parents over time, oldest first. */
  parentLinks(id: string): Promise<ParentLinkRow[]> {
    return this.tx.query(
      `SELECT parent_id AS "parentId", valid_from::text AS "validFrom", valid_to::text AS "validTo"
         FROM unit_parents WHERE unit_id = $1 ORDER BY valid_from`,
      [id],
    );
  }

  /**
   * Moves a unit under another from a day on (today or earlier): its parent links from that day are
   * replaced, its items submitted since are counted under the new district, and the parent of today follows.
   */
  async moveUnit(id: string, parentId: string, from: string): Promise<void> {
    await this.tx.query(`SELECT ngk_unit_parent_from($1, $2, $3::date)`, [id, parentId, from]);
    await this.tx.query(`UPDATE units SET parent_id = $2 WHERE id = $1`, [id, parentId]);
  }

  async lockUnit(id: string): Promise<UnitRow | undefined> {
    const [row] = await this.tx.query(`SELECT ${UNIT_COLUMNS} FROM units WHERE id = $1 FOR UPDATE`, [id]);
    return row;
  }

  async updateUnit(id: string, unit: UnitRow): Promise<UnitRow> {
    const [row] = await returning<UnitRow>(
      this.tx,
      `UPDATE units SET name_vi = $2, name_en = $3, parent_id = $4, supervisor_id = $5, head_title = $6,
              valid_from = $7, valid_to = $8
        WHERE id = $1 RETURNING ${UNIT_COLUMNS}`,
      [
        id,
        unit.nameVi,
        unit.nameEn,
        unit.parentId,
        unit.supervisorId,
        unit.headTitle,
        unit.validFrom,
        unit.validTo,
      ],
    );
    return row;
  }

  async insertRoutingRule(
    rule: Pick<RoutingRuleRow, 'code' | 'leadUnitId'> & Partial<RoutingRuleRow>,
  ): Promise<RoutingRuleRow> {
    const [row] = await this.tx.query(
      `INSERT INTO routing_rules (code, category_code, locality_unit_id, lead_unit_id, coordinating_unit_ids,
         sla_policy_code, priority)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${RULE_COLUMNS}`,
      [
        rule.code,
        rule.categoryCode ?? null,
        rule.localityUnitId ?? null,
        rule.leadUnitId,
        rule.coordinatingUnitIds ?? [],
        rule.slaPolicyCode ?? null,
        rule.priority ?? 0,
      ],
    );
    return row;
  }

  async lockRoutingRule(id: string): Promise<RoutingRuleRow | undefined> {
    const [row] = await this.tx.query(`SELECT ${RULE_COLUMNS} FROM routing_rules WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    return row;
  }

  async updateRoutingRule(id: string, rule: RoutingRuleRow): Promise<RoutingRuleRow> {
    const [row] = await returning<RoutingRuleRow>(
      this.tx,
      `UPDATE routing_rules SET lead_unit_id = $2, coordinating_unit_ids = $3, sla_policy_code = $4, priority = $5,
              active = $6
        WHERE id = $1 RETURNING ${RULE_COLUMNS}`,
      [id, rule.leadUnitId, rule.coordinatingUnitIds, rule.slaPolicyCode, rule.priority, rule.active],
    );
    return row;
  }
}
