import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AWAITING_CADRE } from '@ngk/domain';
import { returning } from '@ngk/persistence';
import type { Actor } from '../common/actor';
import { auditAdminChange, type AdminChange } from '../common/admin-audit.repository';
import { datedUnits, type DatedUnitRow } from '../common/dated-units.repository';

/** One assignment as the admin screens show it. */
export interface AssignmentRow {
  id: string;
  userId: string;
  unitId: string;
  unitCode: string;
  unitNameVi: string;
  unitNameEn: string;
  decisionNo: string;
  validFrom: string;
  validTo: string | null;
  createdBy: string | null;
  createdAt: Date;
}

export interface CadreRow {
  id: string;
  role: string;
  displayName: string;
  active: boolean;
}

/** An item whose cadre's step waits, as a handover needs it. */
export interface WaitingItemRow {
  id: string;
  workflowId: string;
}

const ASSIGNMENT_COLUMNS = `a.id, a.user_id AS "userId", a.unit_id AS "unitId", n.code AS "unitCode",
  n.name_vi AS "unitNameVi", n.name_en AS "unitNameEn", a.decision_no AS "decisionNo",
  a.valid_from::text AS "validFrom", a.valid_to::text AS "validTo", a.created_by AS "createdBy",
  a.created_at AS "createdAt"`;

/** PostgreSQL's code for a row an exclusion constraint refuses: here, overlapping assignments. */
const EXCLUSION_VIOLATION = '23P01';

/** Whether a database error is the overlap constraint refusing an assignment. */
export function isOverlap(err: unknown): boolean {
  return (err as { code?: string })?.code === EXCLUSION_VIOLATION;
}

/** All SQL of cadres' assignments; every change runs in a transaction that also writes its audit. */
@Injectable()
export class AssignmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: AssignmentsTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new AssignmentsTransaction(manager)));
  }

  /** A user's assignments, latest first. */
  ofUser(userId: string): Promise<AssignmentRow[]> {
    return this.dataSource.query(
      `SELECT ${ASSIGNMENT_COLUMNS} FROM cadre_assignments a JOIN units n ON n.id = a.unit_id
        WHERE a.user_id = $1 ORDER BY a.valid_from DESC, n.code`,
      [userId],
    );
  }

  user(id: string): Promise<CadreRow | undefined> {
    return userRow(this.dataSource, id);
  }

  /**
   * The open items of the unit (a commune, or a district's communes) that wait for this cadre's step:
   * those a reassignment hands over.
   */
  waitingFor(unitId: string, cadreId: string): Promise<WaitingItemRow[]> {
    return this.dataSource.query(
      `SELECT r.id, r.workflow_id AS "workflowId" FROM recommendations r JOIN units l ON l.id = r.locality_unit_id
        WHERE (l.id = $1 OR l.parent_id = $1) AND r.status = ANY($2::text[]) AND r.cadre_in_charge = $3
        ORDER BY r.created_at, r.id`,
      [unitId, AWAITING_CADRE, cadreId],
    );
  }
}

async function userRow(db: DataSource | EntityManager, id: string): Promise<CadreRow | undefined> {
  const [row] = await db.query(
    `SELECT id, role, display_name AS "displayName", active FROM users WHERE id = $1`,
    [id],
  );
  return row;
}

export class AssignmentsTransaction {
  constructor(private readonly tx: EntityManager) {}

  audit(actor: Actor, change: AdminChange): Promise<void> {
    return auditAdminChange(this.tx, actor, change);
  }

  datedUnits(ids: string[]): Promise<Map<string, DatedUnitRow>> {
    return datedUnits(this.tx, ids);
  }

  user(id: string): Promise<CadreRow | undefined> {
    return userRow(this.tx, id);
  }

  /** The assignment, locked until the transaction ends. */
  async lock(id: string): Promise<AssignmentRow | undefined> {
    const [row] = await this.tx.query(
      `SELECT ${ASSIGNMENT_COLUMNS} FROM cadre_assignments a JOIN units n ON n.id = a.unit_id
        WHERE a.id = $1 FOR UPDATE OF a`,
      [id],
    );
    return row;
  }

  /** The user's assignment of the unit in force on the day, locked; none when there is none. */
  async lockInForce(userId: string, unitId: string, day: string): Promise<AssignmentRow | undefined> {
    const [row] = await this.tx.query(
      `SELECT ${ASSIGNMENT_COLUMNS} FROM cadre_assignments a JOIN units n ON n.id = a.unit_id
        WHERE a.user_id = $1 AND a.unit_id = $2 AND a.valid_from <= $3 AND (a.valid_to IS NULL OR a.valid_to >= $3)
        FOR UPDATE OF a`,
      [userId, unitId, day],
    );
    return row;
  }

  /** The assignment that begins on the day by this decision, if it was recorded already (a retry). */
  async find(
    userId: string,
    unitId: string,
    decisionNo: string,
    day: string,
  ): Promise<AssignmentRow | undefined> {
    const [row] = await this.tx.query(
      `SELECT ${ASSIGNMENT_COLUMNS} FROM cadre_assignments a JOIN units n ON n.id = a.unit_id
        WHERE a.user_id = $1 AND a.unit_id = $2 AND a.decision_no = $3 AND a.valid_from = $4`,
      [userId, unitId, decisionNo, day],
    );
    return row;
  }

  /** The new assignment; the overlap constraint refuses one that meets another of the same cadre and unit. */
  async insert(
    actor: Actor,
    a: { userId: string; unitId: string; decisionNo: string; validFrom: string; validTo: string | null },
  ): Promise<AssignmentRow> {
    const [{ id }] = await this.tx.query(
      `INSERT INTO cadre_assignments (user_id, unit_id, decision_no, valid_from, valid_to, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [a.userId, a.unitId, a.decisionNo, a.validFrom, a.validTo, actor.userId],
    );
    return (await this.lock(id))!;
  }

  /** A new last day (null: open again). */
  async setValidTo(id: string, validTo: string | null): Promise<AssignmentRow> {
    await returning(this.tx, `UPDATE cadre_assignments SET valid_to = $2 WHERE id = $1 RETURNING id`, [
      id,
      validTo,
    ]);
    return (await this.lock(id))!;
  }
}
