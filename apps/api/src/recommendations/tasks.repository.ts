import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { visibleItems, type VisibilityActor } from '../common/visibility';

/** All SQL of the task inbox. */
@Injectable()
export class TasksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A unit's open tasks on items the actor may see, soonest deadline first (no deadline last), with the
   * item each belongs to.
   */
  async openTasks(unitId: string, actor: VisibilityActor): Promise<Record<string, unknown>[]> {
    const params: unknown[] = [unitId];
    const visible = visibleItems(actor, params);
    return this.dataSource.query(
      `SELECT t.id AS "taskId", t.role, t.status, t.due_at AS "dueAt", t.overdue, t.opened_at AS "openedAt",
              jsonb_build_object('id', r.id, 'reference', r.reference, 'title', r.title, 'status', r.status, 'urgency', r.urgency,
                'localityUnitId', loc.id, 'localityNameVi', loc.name_vi, 'localityNameEn', loc.name_en,
                'leadUnitId', lead.id, 'leadUnitNameVi', lead.name_vi, 'leadUnitNameEn', lead.name_en) AS recommendation
         FROM tasks t
         JOIN recommendations r ON r.id = t.recommendation_id
         JOIN units loc ON loc.id = r.locality_unit_id
         LEFT JOIN units lead ON lead.id = r.lead_unit_id
        WHERE t.unit_id = $1 AND t.status = 'open' ${visible ? `AND ${visible}` : ''}
        ORDER BY t.due_at ASC NULLS LAST, t.opened_at, t.id
        LIMIT 500`,
      params,
    );
  }
}
