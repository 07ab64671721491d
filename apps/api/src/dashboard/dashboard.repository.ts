import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { StatsRow } from './metrics';
import { periodSegments } from './period';

export interface NamedRef {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
}

export type UnitRef = NamedRef & { kind: string };

/** Figures of one period and one category, locality and lead unit. */
export type CombinationRow = StatsRow & {
  categoryCode: string;
  localityId: string;
  leadId: string | null;
  /** The locality's district on the day the items were submitted (ngk_item_district). */
  districtId: string | null;
};

/** Figures of one period and one member of a dimension (`all` for the whole province). */
export type DimensionRow = StatsRow & { dimension: string; member: string };

export interface MonthRow {
  month: string;
  total: string;
  resolved: string;
  resolvedOnTime: string;
  resolvedAfterExtension: string;
  overdue: string;
  reopened: string;
}

export interface Filter {
  unitId?: string;
  category?: string;
  communeId?: string;
  districtId?: string;
}

/** The filter as conditions on summary rows `s`, parameters appended. */
export function filterWhere(filter: Filter, params: unknown[]): string {
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (filter.unitId) where.push(`s.lead_unit_id = ${param(filter.unitId)}`);
  if (filter.category) where.push(`s.category_code = ${param(filter.category)}`);
  if (filter.communeId) where.push(`s.locality_unit_id = ${param(filter.communeId)}`);
  // The district each item had on its day of submission, kept in the summary row.
  if (filter.districtId) where.push(`s.district_unit_id = ${param(filter.districtId)}`);
  return where.map((w) => ` AND ${w}`).join('');
}

/**
 * A filter by district alone: read from the per-district summary, whose rows for a period are bounded by
 * the district's communes, lead units and categories rather than by the items' combinations.
 */
export function isDistrictOnly(filter: Filter): filter is Filter & { districtId: string } {
  return !!filter.districtId && !filter.unitId && !filter.category && !filter.communeId;
}

/** The summary rows `s` of a period, as at most five ranges of one grain each; parameters appended. */
export function segmentsWhere(from: string | null, to: string | null, params: unknown[]): string {
  return periodSegments(from, to)
    .map((segment) => {
      params.push(segment.grain, segment.start, segment.end);
      const n = params.length;
      return `(s.grain = $${n - 2} AND s.period_start BETWEEN $${n - 1}::date AND $${n}::date)`;
    })
    .join(' OR ');
}

// Count vectors travel as JSON: JSON.parse reads them several times faster than pg's array parser.
const MEASURES = `s.total, to_json(s.by_status) AS "byStatus", s.overdue, s.escalated_1 AS "escalated1",
  s.escalated_2 AS "escalated2", s.resolved, s.resolved_on_time AS "resolvedOnTime",
  to_json(s.acknowledge_hours) AS "acknowledgeHours", to_json(s.resolve_hours) AS "resolveHours",
  s.resolved_after_extension AS "resolvedAfterExtension", to_json(s.resolve_working_days) AS "resolveWorkingDays",
  s.resolve_working_days_sum::float8 AS "resolveWorkingDaysSum", s.reopened`;

/** All SQL of the dashboard: it reads the summaries the database keeps, never the items. */
@Injectable()
export class DashboardRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Takes the changes committed since the last fold into the summaries (waiting for a fold under way), so
   * what the dashboard reads next counts every committed change of every item.
   */
  async fold(): Promise<void> {
    await this.dataSource.query(`SELECT recommendation_stats_fold(true)`);
  }

  /** The unfiltered figures of a period, per member of each dimension. */
  byDimension(from: string | null, to: string | null): Promise<DimensionRow[]> {
    const params: unknown[] = [];
    return this.dataSource.query(
      `SELECT ${MEASURES}, s.dimension, s.member FROM recommendation_stats_by s
        WHERE (${segmentsWhere(from, to, params)}) AND s.total <> 0`,
      params,
    );
  }

  /**
   * The figures of a period inside one district (by the district of each item's day), per member of each
   * dimension (`all` for the district itself).
   */
  inDistrict(from: string | null, to: string | null, districtId: string): Promise<DimensionRow[]> {
    const params: unknown[] = [districtId];
    return this.dataSource.query(
      `SELECT ${MEASURES}, s.dimension, s.member FROM recommendation_stats_in_district s
        WHERE s.district_unit_id = $1 AND (${segmentsWhere(from, to, params)}) AND s.total <> 0`,
      params,
    );
  }

  /** The filtered figures of a period, per category, locality and lead unit. */
  byCombination(from: string | null, to: string | null, filter: Filter): Promise<CombinationRow[]> {
    const params: unknown[] = [];
    const period = segmentsWhere(from, to, params);
    return this.dataSource.query(
      `SELECT ${MEASURES}, s.category_code AS "categoryCode", s.locality_unit_id AS "localityId",
              s.lead_unit_id AS "leadId", s.district_unit_id AS "districtId"
         FROM recommendation_stats s
        WHERE (${period}) AND s.total <> 0${filterWhere(filter, params)}`,
      params,
    );
  }

  /** Month rows from the first month to the last, both YYYY-MM-01; summed over the filter when given. */
  months(first: string, last: string, filter: Filter | null): Promise<MonthRow[]> {
    const params: unknown[] = [first, last];
    if (filter && isDistrictOnly(filter)) {
      params.push(filter.districtId);
      return this.dataSource.query(
        `SELECT to_char(s.period_start, 'YYYY-MM') AS month, s.total, s.resolved,
                s.resolved_on_time AS "resolvedOnTime", s.resolved_after_extension AS "resolvedAfterExtension",
                s.overdue, s.reopened
           FROM recommendation_stats_in_district s
          WHERE s.district_unit_id = $3 AND s.grain = 'month' AND s.period_start BETWEEN $1::date AND $2::date
            AND s.dimension = 'all'`,
        params,
      );
    }
    const sql = filter
      ? `SELECT to_char(s.period_start, 'YYYY-MM') AS month, sum(s.total) AS total, sum(s.resolved) AS resolved,
                sum(s.resolved_on_time) AS "resolvedOnTime",
                sum(s.resolved_after_extension) AS "resolvedAfterExtension", sum(s.overdue) AS overdue,
                sum(s.reopened) AS reopened
           FROM recommendation_stats s
          WHERE s.grain = 'month' AND s.period_start BETWEEN $1::date AND $2::date${filterWhere(filter, params)}
          GROUP BY 1`
      : `SELECT to_char(s.period_start, 'YYYY-MM') AS month, s.total, s.resolved,
                s.resolved_on_time AS "resolvedOnTime", s.resolved_after_extension AS "resolvedAfterExtension",
                s.overdue, s.reopened
           FROM recommendation_stats_by s
          WHERE s.grain = 'month' AND s.period_start BETWEEN $1::date AND $2::date AND s.dimension = 'all'`;
    return this.dataSource.query(sql, params);
  }

  /** Every unit and category, to name the members of a breakdown. */
  async names(): Promise<{ units: Map<string, UnitRef>; categories: Map<string, NamedRef> }> {
    const [units, categories]: [UnitRef[], NamedRef[]] = await Promise.all([
      this.dataSource.query(`SELECT id, code, name_vi AS "nameVi", name_en AS "nameEn", kind FROM units`),
      this.dataSource.query(
        `SELECT code AS id, code, name_vi AS "nameVi", name_en AS "nameEn" FROM categories`,
      ),
    ]);
    return {
      units: new Map(units.map((u) => [u.id, u])),
      categories: new Map(categories.map((c) => [c.id, c])),
    };
  }
}
