import { STANDING_COMMITTEE_STATUS, SUPERVISOR_LEVEL, type RecommendationEventType } from '@ngk/domain';
import type { EmergingIssue, OverdueItem, ReportScope, UnitLine } from './quarterly-report';

/**
 * An event that took the item to the Standing Committee, whichever way: still overdue after the grace
 * period, or disputed a second time (libs/domain escalationLevelAfter). Literal, so that the partial
 * index on it serves the report.
 */
const TO_COMMITTEE = `(e.status_after = '${STANDING_COMMITTEE_STATUS}' AND e.status_before IS DISTINCT FROM '${STANDING_COMMITTEE_STATUS}')`;
/** A catalogue event type, written into the SQL as a literal so the partial index on it serves the report. */
const ESCALATED: RecommendationEventType = 'escalated';
/** The cadre's reopening of a closed item (libs/domain kpi.ts counts each item once). */
const REOPENED: RecommendationEventType = 'reopened-after-closure';
const BREACH = `(e.type = '${ESCALATED}' AND (e.payload->>'level')::int = ${SUPERVISOR_LEVEL})`;

/** Anything that runs SQL: a DataSource or a transaction's EntityManager. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Half-open instant bounds of a quarter, and the start of the quarter before. */
export interface QuarterBounds {
  start: string;
  end: string;
  previousStart: string;
}

/** A unit's line as counted, with the items closed in the quarter, before its KPI is worked out. */
export type UnitCounts = Omit<UnitLine, 'onTimeRate' | 'timeliness' | 'resolveWorkingDays'> & {
  closed: number;
  resolvedAfterExtension: number;
  /** Working days each item resolved in the quarter took. */
  resolveWorkingDays: number[];
};

/** The district of item r on its day of submission: one definition, in the database, for every count. */
const ITEM_DISTRICT = `ngk_item_district(r.locality_unit_id, r.created_at)`;

/** The scope as a condition on alias r, its unit (or null) in parameter `p`. */
function inScope(scope: ReportScope, p: string): string {
  return scope.kind === 'unit'
    ? `r.lead_unit_id = ${p}`
    : scope.kind === 'district'
      ? `${ITEM_DISTRICT} = ${p}`
      : `(${p}::uuid IS NULL)`;
}

const scopeUnit = (scope: ReportScope) => (scope.kind === 'province' ? null : scope.unitId);

/** All SQL of the quarterly report: the read model and the event log, in the API's reads or a worker's transaction. */
export class QuarterlyReportRepository {
  constructor(private readonly db: Queryable) {}

  /** The name of what the report covers: the province, a unit or a district. */
  async scopeName(scope: ReportScope): Promise<{ nameVi: string; nameEn: string } | undefined> {
    const [row] =
      scope.kind === 'province'
        ? await this.db.query(
            `SELECT name_vi AS "nameVi", name_en AS "nameEn" FROM units WHERE kind = 'province' LIMIT 1`,
          )
        : await this.db.query(`SELECT name_vi AS "nameVi", name_en AS "nameEn" FROM units WHERE id = $1`, [
            scope.unitId,
          ]);
    return row;
  }

  /** Per lead unit; the summary is their sum plus the items no unit holds yet. */
  unitCounts(scope: ReportScope, q: QuarterBounds): Promise<UnitCounts[]> {
    return this.db.query(
      `WITH items AS (
         SELECT r.* FROM recommendations r
          WHERE ${inScope(scope, '$3')} AND r.created_at < $2
            AND (r.created_at >= $1 OR r.resolved_at >= $1 OR r.closed_at >= $1 OR r.status <> 'closed')
       ), escalations AS (
         SELECT e.recommendation_id, bool_or(${BREACH}) AS l1, bool_or(${TO_COMMITTEE}) AS l2
           FROM recommendation_events e
          WHERE (e.type = '${ESCALATED}' OR ${TO_COMMITTEE}) AND e.occurred_at >= $1 AND e.occurred_at < $2
          GROUP BY 1
       ), reopenings AS (
         SELECT DISTINCT e.recommendation_id FROM recommendation_events e
          WHERE e.type = '${REOPENED}' AND e.occurred_at >= $1 AND e.occurred_at < $2
       )
       SELECT i.lead_unit_id AS "unitId", u.code, COALESCE(u.name_vi, 'Chưa phân công') AS "nameVi",
              COALESCE(u.name_en, 'Not yet assigned') AS "nameEn",
              count(*) FILTER (WHERE i.created_at >= $1)::int AS "newCount",
              count(*) FILTER (WHERE i.resolved_at >= $1 AND i.resolved_at < $2)::int AS resolved,
              count(*) FILTER (WHERE i.resolved_at >= $1 AND i.resolved_at < $2 AND i.resolved_on_time)::int
                AS "resolvedOnTime",
              count(*) FILTER (WHERE i.resolved_at >= $1 AND i.resolved_at < $2 AND i.resolved_after_extension)::int
                AS "resolvedAfterExtension",
              COALESCE(array_agg(i.resolve_working_days) FILTER (WHERE i.resolved_at >= $1 AND i.resolved_at < $2
                AND i.resolve_working_days IS NOT NULL), '{}') AS "resolveWorkingDays",
              count(*) FILTER (WHERE i.closed_at >= $1 AND i.closed_at < $2)::int AS closed,
              count(*) FILTER (WHERE e.l1)::int AS breached,
              count(*) FILTER (WHERE e.l2)::int AS escalated,
              count(*) FILTER (WHERE i.overdue AND i.status <> 'closed')::int AS "overdueNow",
              count(o.recommendation_id)::int AS reopened
         FROM items i
         LEFT JOIN escalations e ON e.recommendation_id = i.id
         LEFT JOIN reopenings o ON o.recommendation_id = i.id
         LEFT JOIN units u ON u.id = i.lead_unit_id
        GROUP BY 1, 2, 3, 4
        ORDER BY "newCount" DESC, "nameVi"`,
      [q.start, q.end, scopeUnit(scope)],
    );
  }

  /** Submissions per category and district in the quarter and the one before. */
  categoryCounts(scope: ReportScope, q: QuarterBounds): Promise<Omit<EmergingIssue, 'change'>[]> {
    return this.db.query(
      `SELECT r.category_code AS "categoryCode", c.name_vi AS "categoryVi", c.name_en AS "categoryEn",
              d.name_vi AS "districtVi", d.name_en AS "districtEn",
              count(*) FILTER (WHERE r.created_at >= $1)::int AS count,
              count(*) FILTER (WHERE r.created_at < $1)::int AS "previousCount"
         FROM recommendations r
         JOIN categories c ON c.code = r.category_code
         LEFT JOIN units d ON d.id = ${ITEM_DISTRICT}
        WHERE ${inScope(scope, '$3')} AND r.created_at >= $4 AND r.created_at < $2
        GROUP BY 1, 2, 3, 4, 5`,
      [q.start, q.end, scopeUnit(scope), q.previousStart],
    );
  }

  /** The items still open and overdue, most escalated first, at most fifty. */
  overdueItems(scope: ReportScope, q: QuarterBounds): Promise<OverdueItem[]> {
    return this.db.query(
      `SELECT r.id, r.reference, r.title, lead.name_vi AS "leadUnitVi", loc.name_vi AS "localityVi",
              r.resolution_due_at AS "resolutionDueAt", r.escalation_level AS "escalationLevel"
         FROM recommendations r
         JOIN units loc ON loc.id = r.locality_unit_id
         LEFT JOIN units lead ON lead.id = r.lead_unit_id
        WHERE ${inScope(scope, '$2')} AND r.overdue AND r.status <> 'closed' AND r.created_at < $1
        ORDER BY r.escalation_level DESC, r.resolution_due_at NULLS LAST, r.id
        LIMIT 50`,
      [q.end, scopeUnit(scope)],
    );
  }
}
