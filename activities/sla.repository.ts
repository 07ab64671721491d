import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CalendarDay, ReminderPoint, Urgency } from '@ngk/domain';

/** Which policy applies: the routing rule's when it has one for this urgency, else category × urgency. */
export interface PolicySelector {
  policyCode: string | null;
  categoryCode: string;
  urgency: Urgency;
}

/** An SLA policy: its reminder points and every column, the day counts among them. */
export interface PolicyRow {
  code: string;
  reminderPoints: ReminderPoint[];
  days: Record<string, number>;
}

/** The reference data deadlines are computed from: SLA policies, the calendar's overrides, supervisors. */
@Injectable()
export class SlaRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The best-matching policy; undefined when none is defined. */
  async policy(selector: PolicySelector): Promise<PolicyRow | undefined> {
    const rows: PolicyRow[] = await this.dataSource.query(
      `SELECT code, reminder_points AS "reminderPoints", to_jsonb(p) AS days
         FROM sla_policies p
        WHERE code = $1 OR category_code = $2 OR category_code IS NULL
        ORDER BY (urgency = $3) DESC, COALESCE(code = $1, false) DESC, (category_code IS NULL), code
        LIMIT 1`,
      [selector.policyCode, selector.categoryCode, selector.urgency],
    );
    return rows[0];
  }

  /** Every holiday and working-day override of the calendar. */
  calendarOverrides(): Promise<CalendarDay[]> {
    return this.dataSource.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_overrides`,
    );
  }

  /** The body that supervises a unit: its supervisor, else its parent; null when it has neither. */
  async supervisingUnit(unitId: string): Promise<string | null> {
    const [unit] = await this.dataSource.query(
      `SELECT COALESCE(supervisor_id, parent_id) AS id FROM units WHERE id = $1`,
      [unitId],
    );
    return unit?.id ?? null;
  }
}
