import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DeadlineReference, PolicySelector } from '@ngk/domain/deadline-plan';
import { deadlineReference } from '@ngk/persistence';
import type { DataSource } from 'typeorm';
import type { CalendarDay } from '@ngk/domain';

/** The reference data deadlines are computed from: SLA policies, the calendar's overrides, supervisors. */
@Injectable()
export class SlaRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * What a deadline is computed from, in one round trip: the best-matching policy (null when none is
   * defined), every override of the calendar, and the body that supervises `unitId` when one is named.
   */
  reference(selector: PolicySelector, unitId: string | null = null): Promise<DeadlineReference> {
    return deadlineReference(this.dataSource, selector, unitId);
  }

  /** Every holiday and working-day override of the calendar. */
  calendarOverrides(): Promise<CalendarDay[]> {
    return this.dataSource.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_overrides`,
    );
  }
}
