import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { prepared } from '@ngk/persistence';
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

/** The policy, the calendar's overrides and the supervising body, as one read gives them. */
export interface DeadlineReference {
  policy: PolicyRow | null;
  overrides: CalendarDay[];
  supervisingUnitId: string | null;
}

/** The reference data deadlines are computed from: SLA policies, the calendar's overrides, supervisors. */
@Injectable()
export class SlaRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * What a deadline is computed from, in one round trip: the best-matching policy (null when none is
   * defined), every override of the calendar, and the body that supervises `unitId` when one is named.
   */
  async reference(selector: PolicySelector, unitId: string | null = null): Promise<DeadlineReference> {
    const [row]: DeadlineReference[] = await this.dataSource.query(
      prepared(`SELECT (SELECT jsonb_build_object('code', code, 'reminderPoints', reminder_points, 'days', to_jsonb(p))
                 FROM sla_policies p
                WHERE code = $1 OR category_code = $2 OR category_code IS NULL
                ORDER BY (urgency = $3) DESC, COALESCE(code = $1, false) DESC, (category_code IS NULL), code
                LIMIT 1) AS policy,
              (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                        'date', to_char(date, 'YYYY-MM-DD'), 'kind', kind, 'name', name)), '[]'::jsonb)
                 FROM calendar_overrides) AS overrides,
              (SELECT COALESCE(supervisor_id, parent_id) FROM units WHERE id = $4) AS "supervisingUnitId"`),
      [selector.policyCode, selector.categoryCode, selector.urgency, unitId],
    );
    return row;
  }

  /** Every holiday and working-day override of the calendar. */
  calendarOverrides(): Promise<CalendarDay[]> {
    return this.dataSource.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_overrides`,
    );
  }
}
