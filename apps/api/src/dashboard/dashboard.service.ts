import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { forbidden } from '../common/error-codes';
import { invalidField } from '../common/validation';
import { visibleFigures } from '../common/visibility';
import type { DashboardQuery } from './dashboard.query';
import { timelinessCounts, type TimelinessCounts } from '@ngk/domain';
import {
  DashboardRepository,
  isDistrictOnly,
  type DimensionRow,
  type Filter,
  type NamedRef,
} from './dashboard.repository';
import { addStats, emptyStats, toMetrics, type Metrics, type StatsRow } from './metrics';

export type BreakdownRow = NamedRef & Metrics;

export interface DashboardView {
  period: { from: string | null; to: string | null };
  totals: Metrics;
  byUnit: BreakdownRow[];
  byDistrict: BreakdownRow[];
  byCommune: BreakdownRow[];
  byCategory: BreakdownRow[];
  /**
   * Per month of submission: how many came, how many are resolved (and of those how many on time, on
   * time after an extension, late), how many are overdue now, how many were reopened.
   */
  trend: ({
    month: string;
    total: number;
    resolved: number;
    overdue: number;
    reopened: number;
  } & TimelinessCounts)[];
}

/** YYYY-MM plus n months. */
function addMonths(month: string, n: number): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

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
 * dashboard from `recommendation_stats_by` (one row per period and member of a dimension), one filtered
 * by a district alone from `recommendation_stats_in_district` (the same, inside the district), any other
 * filter from `recommendation_stats` (per category, locality and lead unit). Either way a period is at
 * most five ranges of rows; in the first two their number is bounded by the reference data rather than
 * by the number of items.
 */
@Injectable()
export class DashboardService {
  constructor(private readonly repository: DashboardRepository) {}

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
    await this.repository.fold();
    const [tally, trend] = await Promise.all([
      !filtered
        ? this.byDimension(from, to)
        : isDistrictOnly(filtered)
          ? this.inDistrict(from, to, filtered.districtId)
          : this.byCombination(from, to, filtered),
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
    // Ids only: the few hundred units and categories are named once, not once per row.
    const [rows, names] = await Promise.all([this.repository.byDimension(from, to), this.repository.names()]);
    return tallyByDimension(rows, names);
  }

  /** A district's figures from `recommendation_stats_in_district`: its own row makes the totals and its line. */
  private async inDistrict(from: string | null, to: string | null, districtId: string): Promise<Tally> {
    const [rows, names] = await Promise.all([
      this.repository.inDistrict(from, to, districtId),
      this.repository.names(),
    ]);
    return tallyByDimension(rows, names, names.units.get(districtId));
  }

  private async byCombination(from: string | null, to: string | null, filter: Filter): Promise<Tally> {
    const [rows, names] = await Promise.all([
      this.repository.byCombination(from, to, filter),
      this.repository.names(),
    ]);
    const tally = new Tally();
    for (const row of rows) {
      const locality = names.units.get(row.localityId);
      const district = row.districtId ? names.units.get(row.districtId) : null;
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
    const rows = await this.repository.months(`${first}-01`, `${last}-01`, filter);
    const byMonth = new Map(rows.map((r) => [r.month, r]));
    const months: DashboardView['trend'] = [];
    // Every month of the span, empty ones included, so a chart's axis has no gaps.
    for (let month = first; month <= last && months.length < 240; month = addMonths(month, 1)) {
      const r = byMonth.get(month);
      const resolved = Number(r?.resolved ?? 0);
      months.push({
        month,
        total: Number(r?.total ?? 0),
        resolved,
        overdue: Number(r?.overdue ?? 0),
        reopened: Number(r?.reopened ?? 0),
        ...timelinessCounts(resolved, Number(r?.resolvedOnTime ?? 0), Number(r?.resolvedAfterExtension ?? 0)),
      });
    }
    return months;
  }

  /** The lead unit whose figures the actor may see: any (or all) for leadership, their own for unit staff. */
  private scopeUnit(actor: Actor, asked: string | undefined): string | undefined {
    const scoped = visibleFigures(actor, asked);
    if (!scoped) {
      throw forbidden('dashboard.own-unit-only', 'unit staff see the dashboard of their own unit only');
    }
    return scoped.unitId;
  }
}

/**
 * Summary rows per member of each dimension as a tally: the `all` rows make the totals (and the line of
 * `district`, when the rows are one district's), the others their member's line in its breakdown.
 */
function tallyByDimension(
  rows: DimensionRow[],
  names: Awaited<ReturnType<DashboardRepository['names']>>,
  district?: Parameters<Tally['add']>[1],
): Tally {
  const tally = new Tally();
  for (const row of rows) {
    if (row.dimension === 'all') {
      addStats(tally.totals, row);
      if (district) tally.add('byDistrict', district, row);
      continue;
    }
    const breakdown = DIMENSION_BREAKDOWN[row.dimension];
    const member =
      breakdown === 'byCategory' ? names.categories.get(row.member) : names.units.get(row.member);
    tally.add(breakdown, member, row);
  }
  return tally;
}
