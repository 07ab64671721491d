import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Outcome, RecommendationEventType } from '@ngk/domain';

/** The cadre's confirmation that a planned item was carried out. */
const VERIFIED: RecommendationEventType = 'verified';

export interface CadreRow {
  id: string;
  username: string;
  displayName: string;
}

/** One of the cadre's periodic reports, as the record counts it. */
export interface ReportRow {
  communeVi: string;
  communeEn: string;
  periodStart: string;
  status: 'open' | 'draft' | 'submitted';
  dueAt: Date;
  submittedAt: Date | null;
  overdueAt: Date | null;
  fieldVisits: number;
}

/** One of the items the cadre submitted, as the record counts it. */
export interface ItemRow {
  createdAt: Date;
  resolvedAt: Date | null;
  outcome: Outcome | null;
  resolveWorkingDays: number | null;
  verifiedAt: Date | null;
}

/** All SQL of the cadres' records; meetings come from the meetings repository. */
@Injectable()
export class CadreRecordsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async cadre(id: string): Promise<CadreRow | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT id, username, display_name AS "displayName" FROM users WHERE id = $1 AND role = 'cadre'`,
      [id],
    );
    return row;
  }

  /** Every cadre, by name, for the Organization Board and the Standing Committee to pick one. */
  cadres(): Promise<CadreRow[]> {
    return this.dataSource.query(
      `SELECT id, username, display_name AS "displayName" FROM users WHERE role = 'cadre' ORDER BY display_name, username`,
    );
  }

  /** The cadre's reports whose period starts in the period (dates, both included). */
  reports(userId: string, from: string, to: string): Promise<ReportRow[]> {
    return this.dataSource.query(
      `SELECT n.name_vi AS "communeVi", n.name_en AS "communeEn", r.period_start::text AS "periodStart",
              r.status, r.due_at AS "dueAt", r.submitted_at AS "submittedAt", r.overdue_at AS "overdueAt",
              jsonb_array_length(r.field_visits) AS "fieldVisits"
         FROM cadre_reports r JOIN units n ON n.id = r.commune_unit_id
        WHERE r.cadre_user_id = $1 AND r.period_start BETWEEN $2::date AND $3::date
        ORDER BY r.period_start, n.name_vi`,
      [userId, from, to],
    );
  }

  /** The items the cadre submitted before the period's end: the figures pick those that count. */
  items(userId: string, end: Date): Promise<ItemRow[]> {
    return this.dataSource.query(
      `SELECT r.created_at AS "createdAt", r.resolved_at AS "resolvedAt", r.outcome,
              r.resolve_working_days AS "resolveWorkingDays",
              (SELECT min(e.occurred_at) FROM recommendation_events e
                WHERE e.recommendation_id = r.id AND e.type = '${VERIFIED}') AS "verifiedAt"
         FROM recommendations r
        WHERE r.submitted_by = $1 AND r.created_at < $2`,
      [userId, end],
    );
  }
}
