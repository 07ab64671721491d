import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/actor';
import { invalidField } from '../common/validation';
import type { DashboardQuery } from './dashboard.query';
import { addStats, emptyStats, toMetrics, type Metrics, type StatsRow } from './metrics';
import { periodSegments } from './period';
import { forbidden } from '../common/error-codes';

interface NamedRef {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
}

export type BreakdownRow = NamedRef & Metrics;

export interface DashboardView {
  period: { from: string | null; to: string | null };
  totals: Metrics;
  byUnit: BreakdownRow[];
  byDistrict: BreakdownRow[];
  byCommune: BreakdownRow[];
  byCategory: BreakdownRow[];
  /** Per month of submission: how many came, how many are resolved, how many are overdue now. */
  trend: { month: string; total: number; resolved: number; overdue: number }[];
}

type SummaryRow = StatsRow & { categoryCode: string; localityId: string; leadId: string | null };

type UnitRef = NamedRef & { kind: string; parentId: string | null };

/** Roles that see every unit's figures; unit staff see their own unit's. */
const PROVINCE_WIDE = new Set(['standing-committee', 'leadership-viewer', 'admin']);

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
  if (filter.districtId) {
    // The district and its communes as a list, which the index on the summary can match.
    const district = param(filter.districtId);
    where.push(
      `s.locality_unit_id = ANY(ARRAY(SELECT id FROM units WHERE id = ${district} OR parent_id = ${district}))`,
    );
  }
  return where.map((w) => ` AND ${w}`).join('');
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

/** YYYY-MM plus n months. */
function addMonths(month: string, n: number): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

// Count vectors travel as JSON: JSON.parse reads them several times faster than pg's array parser.
const MEASURES = `s.total, to_json(s.by_status) AS "byStatus", s.overdue, s.escalated_1 AS "escalated1",
  s.escalated_2 AS "escalated2", s.resolved, s.resolved_on_time AS "resolvedOnTime",
  to_json(s.acknowledge_hours) AS "acknowledgeHours", to_json(s.resolve_hours) AS "resolveHours"`;

type Breakdown = 'byUnit' | 'byDistrict' | 'byCommune' | 'byCategory';

/** Sums of summary rows, overall and per member of each breakdown. */
class Tally {
  readonly totals = emptyStats();
  private readonly groups: Record<Breakdown, Map<string, [NamedRef, StatsRow]>> = {
    byUnit: new Map(),
    byDistrict: new Map(),
    byCommune: new Map(),
    byCategory: new Map(),
  };

  add(breakdown: Breakdown, member: NamedRef | null | undefined, row: StatsRow): void {
    if (!member) return;
    const map = this.groups[breakdown];
    let entry = map.get(member.id);
    if (!entry) map.set(member.id, (entry = [member, emptyStats()]));
    addStats(entry[1], row);
  }

  rows(breakdown: Breakdown): BreakdownRow[] {
    return [...this.groups[breakdown].values()]
      .map(([{ id, code, nameVi, nameEn }, stats]) => ({ id, code, nameVi, nameEn, ...toMetrics(stats) }))
      .sort((a, b) => b.total - a.total || a.nameVi.localeCompare(b.nameVi, 'vi'));
  }
}

/** Which breakdown each dimension of `recommendation_stats_by` feeds. */
const DIMENSION_BREAKDOWN: Record<string, Breakdown> = {
  unit: 'byUnit',
  district: 'byDistrict',
  commune: 'byCommune',
  category: 'byCategory',
};

/**
 * Leadership's figures, read from the summaries the database keeps, never from the items: the unfiltered
 * dashboard from `recommendation_stats_by` (one row per period and member of a dimension), a filtered
 * one from `recommendation_stats` (per category, locality and lead unit). Either way a period is at most
 * five ranges of rows, a number bounded by the reference data rather than by the number of items.
 */
@Injectable()
export class DashboardService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async dashboard(actor: Actor, query: DashboardQuery): Promise<DashboardView> {
    const unitId = this.scopeUnit(actor, query.unitId);
    const from = query.from ?? null;
    const to = query.to ?? null;
    if (from && to && from > to)
      throw invalidField('to', 'range.end-before-start', 'to must not be before from');
    const filter: Filter = {
      unitId,
      category: query.category,
      communeId: query.communeId,
      districtId: query.districtId,
    };
    const filtered = Object.values(filter).some(Boolean) ? filter : null;
    const [tally, trend] = await Promise.all([
      filtered ? this.byCombination(from, to, filtered) : this.byDimension(from, to),
      this.trend(from, to, filtered),
    ]);
    return {
      period: { from, to },
      totals: toMetrics(tally.totals),
      byUnit: tally.rows('byUnit'),
      byDistrict: tally.rows('byDistrict'),
      byCommune: tally.rows('byCommune'),
      byCategory: tally.rows('byCategory'),
      trend,
    };
  }

  private async byDimension(from: string | null, to: string | null): Promise<Tally> {
    const params: unknown[] = [];
    // Ids only: the few hundred units and categories are named once, not once per row.
    const [rows, names] = await Promise.all([
      this.dataSource.query(
        `SELECT ${MEASURES}, s.dimension, s.member FROM recommendation_stats_by s
          WHERE (${segmentsWhere(from, to, params)}) AND s.total <> 0`,
        params,
      ) as Promise<(StatsRow & { dimension: string; member: string })[]>,
      this.names(),
    ]);
    const tally = new Tally();
    for (const row of rows) {
      if (row.dimension === 'all') {
        addStats(tally.totals, row);
        continue;
      }
      const breakdown = DIMENSION_BREAKDOWN[row.dimension];
      const member =
        breakdown === 'byCategory' ? names.categories.get(row.member) : names.units.get(row.member);
      tally.add(breakdown, member, row);
    }
    return tally;
  }

  private async byCombination(from: string | null, to: string | null, filter: Filter): Promise<Tally> {
    const params: unknown[] = [];
    const where = filterWhere(filter, params);
    const [rows, names] = await Promise.all([
      this.dataSource.query(
        `SELECT ${MEASURES}, s.category_code AS "categoryCode", s.locality_unit_id AS "localityId",
                s.lead_unit_id AS "leadId"
           FROM recommendation_stats s
          WHERE (${segmentsWhere(from, to, params)}) AND s.total <> 0${where}`,
        params,
      ) as Promise<SummaryRow[]>,
      this.names(),
    ]);
    const tally = new Tally();
    for (const row of rows) {
      const locality = names.units.get(row.localityId);
      const parent = names.units.get(locality?.parentId ?? '');
      const district = locality?.kind === 'district' ? locality : parent?.kind === 'district' ? parent : null;
      addStats(tally.totals, row);
      tally.add('byUnit', row.leadId ? names.units.get(row.leadId) : null, row);
      tally.add('byDistrict', district, row);
      tally.add('byCommune', locality?.kind === 'commune' ? locality : null, row);
      tally.add('byCategory', names.categories.get(row.categoryCode), row);
    }
    return tally;
  }

  /**
   * Month by month over the period (the last twelve months when it is open). Reads month rows only, so
   * the months at a period's edges count whole.
   */
  private async trend(from: string | null, to: string | null, filter: Filter | null) {
    const last = (to ?? new Date().toISOString()).slice(0, 7);
    const first = from ? from.slice(0, 7) : addMonths(last, -11);
    const params: unknown[] = [`${first}-01`, `${last}-01`];
    const sql = filter
      ? `SELECT to_char(s.period_start, 'YYYY-MM') AS month, sum(s.total) AS total, sum(s.resolved) AS resolved,
                sum(s.overdue) AS overdue
           FROM recommendation_stats s
          WHERE s.grain = 'month' AND s.period_start BETWEEN $1::date AND $2::date${filterWhere(filter, params)}
          GROUP BY 1`
      : `SELECT to_char(s.period_start, 'YYYY-MM') AS month, s.total, s.resolved, s.overdue
           FROM recommendation_stats_by s
          WHERE s.grain = 'month' AND s.period_start BETWEEN $1::date AND $2::date AND s.dimension = 'all'`;
    const rows: { month: string; total: string; resolved: string; overdue: string }[] =
      await this.dataSource.query(sql, params);
    const byMonth = new Map(rows.map((r) => [r.month, r]));
    const months: DashboardView['trend'] = [];
    // Every month of the span, empty ones included, so a chart's axis has no gaps.
    for (let month = first; month <= last && months.length < 240; month = addMonths(month, 1)) {
      const r = byMonth.get(month);
      months.push({
        month,
        total: Number(r?.total ?? 0),
        resolved: Number(r?.resolved ?? 0),
        overdue: Number(r?.overdue ?? 0),
      });
    }
    return months;
  }

  private async names(): Promise<{ units: Map<string, UnitRef>; categories: Map<string, NamedRef> }> {
    const [units, categories]: [UnitRef[], NamedRef[]] = await Promise.all([
      this.dataSource.query(
        `SELECT id, code, name_vi AS "nameVi", name_en AS "nameEn", kind, parent_id AS "parentId" FROM units`,
      ),
      this.dataSource.query(
        `SELECT code AS id, code, name_vi AS "nameVi", name_en AS "nameEn" FROM categories`,
      ),
    ]);
    return {
      units: new Map(units.map((u) => [u.id, u])),
      categories: new Map(categories.map((c) => [c.id, c])),
    };
  }

  /** The lead unit whose figures the actor may see: any (or all) for leadership, their own for unit staff. */
  private scopeUnit(actor: Actor, asked: string | undefined): string | undefined {
    if (PROVINCE_WIDE.has(actor.role)) return asked;
    if (!actor.unitId || (asked && asked !== actor.unitId)) {
      throw forbidden('dashboard.own-unit-only', 'unit staff see the dashboard of their own unit only');
    }
    return actor.unitId;
  }
}
