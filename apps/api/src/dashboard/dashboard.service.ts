import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/actor';
import { invalidFields } from '../common/validation';
import type { DashboardQuery } from './dashboard.query';
import { addStats, emptyStats, toMetrics, type Metrics, type StatsRow } from './metrics';
import { periodSegments } from './period';

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

/** YYYY-MM plus n months. */
function addMonths(month: string, n: number): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * Leadership's figures, read from the summary table the database keeps (recommendation_stats): the rows
 * of a period are a bounded number per (category, locality, lead unit), however many items there are.
 */
@Injectable()
export class DashboardService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async dashboard(actor: Actor, query: DashboardQuery): Promise<DashboardView> {
    const unitId = this.scopeUnit(actor, query.unitId);
    const from = query.from ?? null;
    const to = query.to ?? null;
    if (from && to && from > to) throw invalidFields([{ field: 'to', reason: 'to must not be before from' }]);
    // Filters first, so both queries number their parameters alike.
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const filters: string[] = [];
    if (unitId) filters.push(`s.lead_unit_id = ${param(unitId)}`);
    if (query.category) filters.push(`s.category_code = ${param(query.category)}`);
    if (query.communeId) filters.push(`s.locality_unit_id = ${param(query.communeId)}`);
    if (query.districtId) {
      const district = param(query.districtId);
      filters.push(`(loc.id = ${district} OR loc.parent_id = ${district})`);
    }
    const filtered = filters.map((f) => ` AND ${f}`).join('');
    const trend = this.trend(from, to, filtered, [...params]);
    const segments = periodSegments(from, to).map(
      (s) =>
        `(s.grain = ${param(s.grain)} AND s.period_start BETWEEN ${param(s.start)}::date AND ${param(s.end)}::date)`,
    );
    // Ids only: the few hundred units and categories are named once, not once per row.
    const [rows, names] = await Promise.all([
      this.dataSource.query(
        `SELECT s.total, s.by_status AS "byStatus", s.overdue, s.escalated_1 AS "escalated1",
                s.escalated_2 AS "escalated2", s.resolved, s.resolved_on_time AS "resolvedOnTime",
                s.acknowledge_hours AS "acknowledgeHours", s.resolve_hours AS "resolveHours",
                s.category_code AS "categoryCode", s.locality_unit_id AS "localityId", s.lead_unit_id AS "leadId"
           FROM recommendation_stats s
           ${query.districtId ? 'JOIN units loc ON loc.id = s.locality_unit_id' : ''}
          WHERE (${segments.join(' OR ')}) AND s.total <> 0${filtered}`,
        params,
      ) as Promise<SummaryRow[]>,
      this.names(),
    ]);
    const totals = emptyStats();
    const groups = {
      byUnit: new Map<string, [NamedRef, StatsRow]>(),
      byDistrict: new Map<string, [NamedRef, StatsRow]>(),
      byCommune: new Map<string, [NamedRef, StatsRow]>(),
      byCategory: new Map<string, [NamedRef, StatsRow]>(),
    };
    const into = (map: Map<string, [NamedRef, StatsRow]>, key: NamedRef | null, row: StatsRow) => {
      if (!key) return;
      let entry = map.get(key.id);
      if (!entry) map.set(key.id, (entry = [key, emptyStats()]));
      addStats(entry[1], row);
    };
    for (const row of rows) {
      const locality = names.units.get(row.localityId);
      const district = locality?.kind === 'district' ? locality : names.units.get(locality?.parentId ?? '');
      addStats(totals, row);
      into(groups.byUnit, row.leadId ? (names.units.get(row.leadId) ?? null) : null, row);
      into(groups.byDistrict, district?.kind === 'district' ? district : null, row);
      into(groups.byCommune, locality?.kind === 'commune' ? locality : null, row);
      into(groups.byCategory, names.categories.get(row.categoryCode) ?? null, row);
    }
    const breakdown = (map: Map<string, [NamedRef, StatsRow]>): BreakdownRow[] =>
      [...map.values()]
        .map(([{ id, code, nameVi, nameEn }, stats]) => ({ id, code, nameVi, nameEn, ...toMetrics(stats) }))
        .sort((a, b) => b.total - a.total || a.nameVi.localeCompare(b.nameVi, 'vi'));
    return {
      period: { from, to },
      totals: toMetrics(totals),
      byUnit: breakdown(groups.byUnit),
      byDistrict: breakdown(groups.byDistrict),
      byCommune: breakdown(groups.byCommune),
      byCategory: breakdown(groups.byCategory),
      trend: await trend,
    };
  }

  /**
   * Month by month over the period (the last twelve months when it is open). Reads month rows only, so
   * the months at a period's edges count whole.
   */
  private async trend(from: string | null, to: string | null, filtered: string, params: unknown[]) {
    const last = (to ?? new Date().toISOString()).slice(0, 7);
    const first = from ? from.slice(0, 7) : addMonths(last, -11);
    const n = params.length;
    const rows: { month: string; total: string; resolved: string; overdue: string }[] =
      await this.dataSource.query(
        `SELECT to_char(s.period_start, 'YYYY-MM') AS month, sum(s.total) AS total, sum(s.resolved) AS resolved,
                sum(s.overdue) AS overdue
           FROM recommendation_stats s JOIN units loc ON loc.id = s.locality_unit_id
          WHERE s.grain = 'month' AND s.period_start BETWEEN $${n + 1}::date AND $${n + 2}::date${filtered}
          GROUP BY 1`,
        [...params, `${first}-01`, `${last}-01`],
      );
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
      throw new ForbiddenException('unit staff see the dashboard of their own unit only');
    }
    return actor.unitId;
  }
}
