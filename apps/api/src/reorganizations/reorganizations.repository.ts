import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  heldItems,
  reorganizationProgress,
  reorganizationUnits,
  returning,
  type HeldItemRow,
  type ReorganizationProgress,
  type ReorganizationUnitRow,
} from '@ngk/persistence';
import { auditAdminChange, type AdminChange } from '../common/admin-audit.repository';
import type { Actor } from '../common/actor';
import { datedUnits, type DatedUnitRow } from '../common/dated-units.repository';

/** A reorganization's decision as recorded. */
export interface NewReorganization {
  decisionNo: string;
  decisionDate: string;
  effectiveDate: string;
  note: string | null;
  createdBy: string;
}

/** A routing rule that names an ended unit. */
export interface RuleRow {
  id: string;
  code: string;
  leadUnitId: string;
  localityUnitId: string | null;
  coordinatingUnitIds: string[];
}

/** An account of an ended unit, or a cadre following one. */
export interface AccountRow {
  id: string;
  username: string;
  displayName: string;
  role: string;
  unitId: string | null;
  followedUnitIds: string[];
}

/** An item of the review list, or of the preview. */
export interface ItemRow {
  id: string;
  reference: string;
  title: string;
  status: string;
  leadUnitId: string | null;
}

/** All SQL of the reorganization screens. */
@Injectable()
export class ReorganizationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: ReorganizationsTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new ReorganizationsTransaction(manager)));
  }

  progress(id: string): Promise<ReorganizationProgress | null> {
    return reorganizationProgress(this.dataSource, id);
  }

  units(id: string): Promise<ReorganizationUnitRow[]> {
    return reorganizationUnits(this.dataSource, id);
  }

  /** Every reorganization, newest first. */
  async list(): Promise<ReorganizationProgress[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM reorganizations ORDER BY created_at DESC, id LIMIT 200`,
    );
    const all = await Promise.all(rows.map((r) => reorganizationProgress(this.dataSource, r.id)));
    return all.filter((r): r is ReorganizationProgress => r !== null);
  }

  heldItems(unitIds: string[], page: { after: string | null; limit: number }): Promise<HeldItemRow[]> {
    return heldItems(this.dataSource, unitIds, page);
  }

  /** The items by id, as lists show them. */
  items(ids: string[]): Promise<ItemRow[]> {
    return this.dataSource.query(
      `SELECT id, reference, title, status, lead_unit_id AS "leadUnitId"
         FROM recommendations WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    );
  }

  /** Rules that name any of the units, as lead, locality or coordinating unit. */
  rulesNaming(unitIds: string[]): Promise<RuleRow[]> {
    return this.dataSource.query(
      `SELECT id, code, lead_unit_id AS "leadUnitId", locality_unit_id AS "localityUnitId",
              coordinating_unit_ids AS "coordinatingUnitIds"
         FROM routing_rules
        WHERE lead_unit_id = ANY($1::uuid[]) OR locality_unit_id = ANY($1::uuid[])
           OR coordinating_unit_ids && $1::uuid[]
        ORDER BY code`,
      [unitIds],
    );
  }

  /** Accounts of the units, and cadres assigned to them now or later. */
  accountsOf(unitIds: string[]): Promise<AccountRow[]> {
    return this.dataSource.query(
      `SELECT u.id, u.username, u.display_name AS "displayName", u.role, u.unit_id AS "unitId",
              ARRAY(SELECT a.unit_id FROM cadre_assignments a
                     WHERE a.user_id = u.id AND a.unit_id = ANY($1::uuid[])
                       AND (a.valid_to IS NULL OR a.valid_to >= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date))
                AS "followedUnitIds"
         FROM users u
        WHERE u.active AND (u.unit_id = ANY($1::uuid[]) OR EXISTS (
                SELECT 1 FROM cadre_assignments a WHERE a.user_id = u.id AND a.unit_id = ANY($1::uuid[])
                   AND (a.valid_to IS NULL OR a.valid_to >= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)))
        ORDER BY u.username`,
      [unitIds],
    );
  }

  /** The review list: items the run left for an admin, with the ended units that hold them. */
  review(id: string): Promise<(ItemRow & { unitIds: string[]; recordedAt: string })[]> {
    return this.dataSource.query(
      `SELECT r.id, r.reference, r.title, r.status, r.lead_unit_id AS "leadUnitId",
              ARRAY(SELECT jsonb_array_elements_text(i.detail -> 'unitIds')) AS "unitIds",
              i.recorded_at AS "recordedAt"
         FROM reorganization_items i JOIN recommendations r ON r.id = i.recommendation_id
        WHERE i.reorganization_id = $1 AND i.outcome = 'review'
        ORDER BY r.id`,
      [id],
    );
  }
}

/** A reorganization's writes, inside one transaction with their audit record. */
export class ReorganizationsTransaction {
  constructor(private readonly tx: EntityManager) {}

  audit(actor: Actor, change: AdminChange): Promise<void> {
    return auditAdminChange(this.tx, actor, change);
  }

  datedUnits(ids: (string | null | undefined)[]): Promise<Map<string, DatedUnitRow>> {
    return datedUnits(this.tx, ids);
  }

  /** Units by code, as a merger file names them. */
  async unitsByCode(codes: string[]): Promise<Map<string, DatedUnitRow>> {
    const rows: { id: string; code: string }[] = await this.tx.query(
      `SELECT id, code FROM units WHERE code = ANY($1::text[])`,
      [codes],
    );
    const dated = await datedUnits(
      this.tx,
      rows.map((r) => r.id),
    );
    return new Map(rows.map((r) => [r.code, dated.get(r.id)!]));
  }

  async insert(reorganization: NewReorganization): Promise<string> {
    const [{ id }] = await this.tx.query(
      `INSERT INTO reorganizations (decision_no, decision_date, effective_date, note, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [
        reorganization.decisionNo,
        reorganization.decisionDate,
        reorganization.effectiveDate,
        reorganization.note,
        reorganization.createdBy,
      ],
    );
    return id;
  }

  /** The reorganization, locked until the transaction ends; undefined when there is none. */
  async lock(id: string): Promise<{ id: string; status: string; effectiveDate: string } | undefined> {
    const [row] = await this.tx.query(
      `SELECT id, status, effective_date::text AS "effectiveDate" FROM reorganizations WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row;
  }

  /** Its ended units and their successors (null: an admin decides). */
  async succession(id: string): Promise<{ unitId: string; successorId: string | null }[]> {
    return this.tx.query(
      `SELECT unit_id AS "unitId", successor_id AS "successorId" FROM reorganization_units
        WHERE reorganization_id = $1`,
      [id],
    );
  }

  /** Sets where each ended unit's work goes, replacing what was set for the same unit. */
  async setUnits(id: string, units: { unitId: string; successorId: string | null }[]): Promise<void> {
    if (units.length === 0) return;
    await this.tx.query(
      `INSERT INTO reorganization_units (reorganization_id, unit_id, successor_id)
       SELECT $1, u.unit_id, u.successor_id
         FROM unnest($2::uuid[], $3::uuid[]) AS u (unit_id, successor_id)
       ON CONFLICT (reorganization_id, unit_id) DO UPDATE SET successor_id = EXCLUDED.successor_id`,
      [id, units.map((u) => u.unitId), units.map((u) => u.successorId)],
    );
  }

  /** Marks it running, once, by this admin: the answer to a second start shows the same run. */
  async markRunning(id: string, startedBy: string): Promise<void> {
    await returning(
      this.tx,
      `UPDATE reorganizations SET status = 'running', started_by = $2
        WHERE id = $1 AND status = 'draft' RETURNING id`,
      [id, startedBy],
    );
  }
}
