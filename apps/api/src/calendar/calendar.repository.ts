import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CalendarDay } from '@ngk/domain';
import type { Actor } from '../common/actor';
import { auditAdminChange, type AdminChange } from '../common/admin-audit.repository';

const OVERRIDE_COLUMNS = `to_char(date, 'YYYY-MM-DD') AS date, kind, name, legal_basis AS "legalBasis", updated_at AS "updatedAt"`;
const SELECT_OVERRIDE = `SELECT ${OVERRIDE_COLUMNS} FROM calendar_overrides`;

export interface OverrideRow extends CalendarDay {
  legalBasis: string | null;
  updatedAt: Date;
}

/** All SQL of the calendar and the SLA policies it counts deadlines for. */
@Injectable()
export class CalendarRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  overrides(): Promise<OverrideRow[]> {
    return this.dataSource.query(`${SELECT_OVERRIDE} ORDER BY date`);
  }

  /** Runs the work in one transaction: a change and its audit record commit together or not at all. */
  transaction<T>(work: (tx: CalendarTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new CalendarTransaction(manager)));
  }

  slaPolicies(): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(
      `SELECT code, category_code AS "categoryCode", urgency, acknowledge_days AS "acknowledgeDays",
              coordination_days AS "coordinationDays", resolution_days AS "resolutionDays",
              feedback_days AS "feedbackDays", verification_grace_days AS "verificationGraceDays",
              escalation_grace_days AS "escalationGraceDays", directive_days AS "directiveDays",
              info_days AS "infoDays", reopen_days AS "reopenDays", reminder_points AS "reminderPoints"
         FROM sla_policies ORDER BY category_code NULLS FIRST, urgency, code`,
    );
  }
}

/** Calendar writes, inside one transaction. */
export class CalendarTransaction {
  constructor(private readonly tx: EntityManager) {}

  /** The day's override, locked until the transaction ends; undefined when the day has none. */
  async lockOverride(date: string): Promise<OverrideRow | undefined> {
    const [row] = await this.tx.query(`${SELECT_OVERRIDE} WHERE date = $1 FOR UPDATE`, [date]);
    return row;
  }

  async upsertOverride(
    date: string,
    day: { kind: string; name: string; legalBasis: string | null },
  ): Promise<OverrideRow> {
    const [row] = await this.tx.query(
      `INSERT INTO calendar_overrides (date, kind, name, legal_basis) VALUES ($1, $2, $3, $4)
       ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name,
         legal_basis = EXCLUDED.legal_basis, updated_at = now()
       RETURNING ${OVERRIDE_COLUMNS}`,
      [date, day.kind, day.name, day.legalBasis],
    );
    return row;
  }

  async deleteOverride(date: string): Promise<void> {
    await this.tx.query(`DELETE FROM calendar_overrides WHERE date = $1`, [date]);
  }

  audit(actor: Actor, change: AdminChange): Promise<void> {
    return auditAdminChange(this.tx, actor, change);
  }
}
