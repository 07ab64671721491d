import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  listHeldItems,
  pendingItems,
  reorganizationUnits,
  returning,
  type HeldItemRow,
  type ReorganizationUnitRow,
} from '@ngk/persistence';

/** What closing the ended units changed: each count is of rows changed now, so a second run reports 0s. */
export interface ClosedUnits {
  units: number;
  rules: number;
  accounts: number;
  /** Open items they held, listed to be moved. */
  items: number;
}

/** The decision as the run needs it. */
export interface ReorganizationDecision {
  decisionNo: string;
  decisionDate: string;
  effectiveDate: string;
}

/** All SQL of a reorganization's run. */
@Injectable()
export class ReorganizationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Marks the run begun (once: a second start keeps the first time); null when no such reorganization. */
  async begin(id: string): Promise<ReorganizationDecision | null> {
    const [row] = await returning<ReorganizationDecision>(
      this.dataSource,
      `UPDATE reorganizations
          SET status = CASE WHEN status = 'done' THEN status ELSE 'running' END,
              started_at = COALESCE(started_at, now())
        WHERE id = $1
        RETURNING decision_no AS "decisionNo", decision_date::text AS "decisionDate",
                  effective_date::text AS "effectiveDate"`,
      [id],
    );
    return row ?? null;
  }

  units(id: string): Promise<ReorganizationUnitRow[]> {
    return reorganizationUnits(this.dataSource, id);
  }

  /**
   * Ends the units the day before the effective date, names their successors with the decision, and moves
   * routing rules and accounts to the successor of each unit that has one, and lists the open items they
   * hold, in one transaction: no item can be routed to them after the list is made. Accounts of units
   * without a single successor stay for an admin to decide (the review lists them).
   */
  closeUnits(id: string, decision: string): Promise<ClosedUnits> {
    return this.dataSource.transaction(async (tx) => {
      const units = await returning<Change>(
        tx,
        `WITH old AS (
           SELECT u.id, u.valid_to FROM units u
             JOIN reorganization_units ru ON ru.unit_id = u.id
             JOIN reorganizations g ON g.id = ru.reorganization_id
            WHERE ru.reorganization_id = $1 AND (u.valid_to IS NULL OR u.valid_to > g.effective_date - 1)
            FOR UPDATE OF u)
         UPDATE units u SET valid_to = g.effective_date - 1
           FROM old, reorganizations g
          WHERE u.id = old.id AND g.id = $1
          RETURNING u.id AS key, json_build_object('validTo', old.valid_to) AS before,
                    json_build_object('validTo', u.valid_to) AS after`,
        [id],
      );
      await audit(tx, id, 'unit', units);
      await tx.query(
        `INSERT INTO unit_successors (unit_id, successor_id, decided_by)
         SELECT unit_id, successor_id, $2 FROM reorganization_units
          WHERE reorganization_id = $1 AND successor_id IS NOT NULL
         ON CONFLICT DO NOTHING`,
        [id, decision],
      );
      const rules = await this.moveRules(tx, id);
      const accounts = await this.moveAccounts(tx, id);
      const ended = (await reorganizationUnits(tx, id)).map((u) => u.unitId);
      const items = await listHeldItems(tx, id, ended);
      await tx.query(`UPDATE reorganizations SET listed_at = COALESCE(listed_at, now()) WHERE id = $1`, [id]);
      return { units: units.length, rules, accounts, items };
    });
  }

  /** A rule's lead, locality and coordinating units go to their successors; the lead never coordinates too. */
  private async moveRules(tx: EntityManager, id: string): Promise<number> {
    const moved = await returning<Change>(
      tx,
      `WITH m AS (SELECT unit_id, successor_id FROM reorganization_units
                   WHERE reorganization_id = $1 AND successor_id IS NOT NULL),
            next AS (
              SELECT r.id, r.lead_unit_id AS old_lead, r.locality_unit_id AS old_locality,
                     r.coordinating_unit_ids AS old_coordinating,
                     COALESCE((SELECT successor_id FROM m WHERE m.unit_id = r.lead_unit_id), r.lead_unit_id) AS lead,
                     COALESCE((SELECT successor_id FROM m WHERE m.unit_id = r.locality_unit_id), r.locality_unit_id)
                       AS locality,
                     ARRAY(SELECT DISTINCT COALESCE(m.successor_id, c) FROM unnest(r.coordinating_unit_ids) c
                             LEFT JOIN m ON m.unit_id = c) AS coordinating
                FROM routing_rules r
               WHERE r.lead_unit_id IN (SELECT unit_id FROM m) OR r.locality_unit_id IN (SELECT unit_id FROM m)
                  OR r.coordinating_unit_ids && ARRAY(SELECT unit_id FROM m))
       UPDATE routing_rules r
          SET lead_unit_id = next.lead, locality_unit_id = next.locality,
              coordinating_unit_ids = array_remove(next.coordinating, next.lead)
         FROM next WHERE r.id = next.id
       RETURNING r.id AS key,
                 json_build_object('leadUnitId', next.old_lead, 'localityUnitId', next.old_locality,
                                   'coordinatingUnitIds', next.old_coordinating) AS before,
                 json_build_object('leadUnitId', r.lead_unit_id, 'localityUnitId', r.locality_unit_id,
                                   'coordinatingUnitIds', r.coordinating_unit_ids) AS after`,
      [id],
    );
    await audit(tx, id, 'routing_rule', moved);
    return moved.length;
  }

  /** Staff go to the successor and sign in again (their unit is in their session); cadres are assigned it. */
  private async moveAccounts(tx: EntityManager, id: string): Promise<number> {
    const staff = await returning<Change>(
      tx,
      `UPDATE users u SET unit_id = ru.successor_id, token_version = u.token_version + 1
         FROM reorganization_units ru
        WHERE ru.reorganization_id = $1 AND ru.successor_id IS NOT NULL AND u.unit_id = ru.unit_id
        RETURNING u.id AS key, json_build_object('unitId', ru.unit_id) AS before,
                  json_build_object('unitId', u.unit_id) AS after`,
      [id],
    );
    if (staff.length > 0)
      await tx.query(
        `UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = 'reassigned'
          WHERE revoked_at IS NULL AND user_id = ANY($1::uuid[])`,
        [staff.map((s) => s.key)],
      );
    // A cadre's assignment to an ended commune ends the day before, and the same cadre is assigned its
    // successor from the effective date under the decision, until the old assignment's own end.
    const ending: { id: string; userId: string; unitId: string; validTo: string | null }[] = await tx.query(
      `SELECT a.id, a.user_id AS "userId", a.unit_id AS "unitId", a.valid_to::text AS "validTo"
         FROM cadre_assignments a
         JOIN reorganization_units ru ON ru.unit_id = a.unit_id AND ru.successor_id IS NOT NULL
         JOIN reorganizations g ON g.id = ru.reorganization_id
        WHERE g.id = $1 AND a.valid_from < g.effective_date
          AND (a.valid_to IS NULL OR a.valid_to >= g.effective_date)
        ORDER BY a.id FOR UPDATE OF a`,
      [id],
    );
    const ended = await returning<Change>(
      tx,
      `UPDATE cadre_assignments a SET valid_to = g.effective_date - 1
         FROM reorganizations g
        WHERE g.id = $1 AND a.id = ANY($2::uuid[])
        RETURNING a.id AS key, json_build_object('validTo', NULL) AS before,
                  json_build_object('validTo', a.valid_to) AS after`,
      [id, ending.map((e) => e.id)],
    );
    const taken = await returning<Change>(
      tx,
      `INSERT INTO cadre_assignments (user_id, unit_id, decision_no, valid_from, valid_to, created_by)
       SELECT DISTINCT ON (e."userId", ru.successor_id) e."userId", ru.successor_id, g.decision_no,
              g.effective_date, e."validTo"::date, COALESCE(g.started_by, g.created_by)
         FROM jsonb_to_recordset($2::jsonb) AS e ("userId" uuid, "unitId" uuid, "validTo" text)
         JOIN reorganization_units ru ON ru.unit_id = e."unitId" AND ru.reorganization_id = $1
         JOIN reorganizations g ON g.id = $1
        ORDER BY e."userId", ru.successor_id, e."validTo" DESC NULLS FIRST
       ON CONFLICT DO NOTHING
       RETURNING id AS key, json_build_object() AS before,
                 json_build_object('userId', user_id, 'unitId', unit_id, 'decisionNo', decision_no,
                                   'validFrom', valid_from, 'validTo', valid_to) AS after`,
      [id, JSON.stringify(ending)],
    );
    await audit(tx, id, 'cadre_assignment', [...ended, ...taken]);
    await audit(tx, id, 'user', staff);
    return staff.length + ending.length;
  }

  /** The next items still to move. */
  pendingItems(id: string, limit: number): Promise<HeldItemRow[]> {
    return pendingItems(this.dataSource, id, limit);
  }

  /** What the run did with one item, recorded once: a retried batch keeps the first record. */
  async record(
    id: string,
    recommendationId: string,
    outcome: 'moved' | 'review' | 'skipped',
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE reorganization_items SET outcome = $3, detail = $4, recorded_at = now()
        WHERE reorganization_id = $1 AND recommendation_id = $2 AND outcome = 'pending'`,
      [id, recommendationId, outcome, JSON.stringify(detail)],
    );
  }

  /** Whether the item has closed for good (its reopening window, if any, past), as the read model shows it. */
  async closed(recommendationId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT status = 'closed' AND (reopen_until IS NULL OR reopen_until <= now()) AS closed
         FROM recommendations WHERE id = $1`,
      [recommendationId],
    );
    return row?.closed === true;
  }

  async finish(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE reorganizations SET status = 'done', finished_at = COALESCE(finished_at, now()) WHERE id = $1`,
      [id],
    );
  }
}

/** A row the run changed, for the admin audit: its key, and the fields changed before and after. */
interface Change {
  key: string;
  before: object;
  after: object;
}

/**
 * Records the run's changes in the admin audit, as made by the admin who started it (who made it, for a
 * run started before that was recorded), under the request id `reorganization-<id>`.
 */
async function audit(tx: EntityManager, id: string, entity: string, changes: Change[]): Promise<void> {
  if (changes.length === 0) return;
  await tx.query(
    `INSERT INTO admin_audit (actor_user_id, actor_role, request_id, entity, entity_key, action, before, after)
     SELECT COALESCE(g.started_by, g.created_by), 'admin', 'reorganization-' || g.id, $2, c.key, 'update',
            c.before, c.after
       FROM reorganizations g, jsonb_to_recordset($3::jsonb) AS c (key text, before jsonb, after jsonb)
      WHERE g.id = $1 AND COALESCE(g.started_by, g.created_by) IS NOT NULL`,
    [id, entity, JSON.stringify(changes)],
  );
}
