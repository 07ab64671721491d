import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  extensionDaysAfter,
  resolutionTimeliness,
  SlaClock,
  TimeScale,
  WorkingCalendar,
  WORKING_DAYS_EXACT,
  WORKING_DAYS_SLOTS,
  type CalendarDay,
  type RecommendationEventType,
} from '@ngk/domain';
import { vietnamDaysOfYear } from '@ngk/domain/calendar/vietnam-holidays';
import { HOURS_BUCKETS, STATS_STATUS_ORDER } from './1765000000000-tracking';

const GRAINS = `ARRAY['year', 'month', 'day']`;

/** One measure of both summaries: its column, an item's contribution, a group's, and how rows add up. */
export interface Measure {
  column: string;
  item: (r: string, sign: string) => string;
  group: (i: string) => string;
  add: string;
}

const countsBySlot = (column: string, size: number) =>
  `ARRAY[${Array.from({ length: size }, (_, i) => `count(*) FILTER (WHERE ${column} = ${i + 1})`).join(', ')}]::int[]`;
const counter = (
  column: string,
  itemWhen: (r: string) => string,
  groupWhen: (i: string) => string,
): Measure => ({
  column,
  item: (r, sign) => `CASE WHEN ${itemWhen(r)} THEN ${sign} ELSE 0 END`,
  group: (i) => `count(*) FILTER (WHERE ${groupWhen(i)})`,
  add: `${column} = s.${column} + EXCLUDED.${column}`,
});
const histogram = (
  column: string,
  slot: (r: string) => string,
  groupSlot: string,
  size: number,
): Measure => ({
  column,
  item: (r, sign) => `ngk_one_hot(${slot(r)}, ${size}, ${sign})`,
  group: (i) => countsBySlot(`${i}.${groupSlot}`, size),
  add: `${column} = ngk_add_counts(s.${column}, EXCLUDED.${column})`,
});

/** A time to resolve's slot, 1-based: i working days at i + 1, more than WORKING_DAYS_EXACT in the last. */
// GREATEST and LEAST skip nulls: an unresolved item must stay out of every slot.
const workingDaysSlot = (r: string) =>
  `CASE WHEN ${r}.resolve_working_days IS NOT NULL
        THEN least(greatest(${r}.resolve_working_days, 0), ${WORKING_DAYS_EXACT + 1}) + 1 END`;

/** The measures of 1765000000000-tracking, in their column order. */
const TRACKING_MEASURES: Measure[] = [
  {
    column: 'total',
    item: (_r, sign) => sign,
    group: () => 'count(*)',
    add: 'total = s.total + EXCLUDED.total',
  },
  histogram('by_status', (r) => `ngk_status_slot(${r}.status)`, 'status_slot', STATS_STATUS_ORDER.length),
  counter(
    'overdue',
    (r) => `${r}.overdue`,
    (i) => `${i}.overdue`,
  ),
  counter(
    'escalated_1',
    (r) => `${r}.max_escalation_level = 1`,
    (i) => `${i}.max_escalation_level = 1`,
  ),
  counter(
    'escalated_2',
    (r) => `${r}.max_escalation_level >= 2`,
    (i) => `${i}.max_escalation_level >= 2`,
  ),
  counter(
    'resolved',
    (r) => `${r}.resolved_at IS NOT NULL`,
    (i) => `${i}.resolved`,
  ),
  counter(
    'resolved_on_time',
    (r) => `${r}.resolved_on_time`,
    (i) => `${i}.resolved_on_time`,
  ),
  histogram(
    'acknowledge_hours',
    (r) => `ngk_hours_bucket(${r}.acknowledged_at - ${r}.created_at)`,
    'acknowledge_bucket',
    HOURS_BUCKETS,
  ),
  histogram(
    'resolve_hours',
    (r) => `ngk_hours_bucket(${r}.resolved_at - ${r}.created_at)`,
    'resolve_bucket',
    HOURS_BUCKETS,
  ),
];

/** This migration's measures, appended in the order its columns are added. */
const KPI_MEASURES: Measure[] = [
  counter(
    'resolved_after_extension',
    (r) => `${r}.resolved_after_extension`,
    (i) => `${i}.resolved_after_extension`,
  ),
  histogram('resolve_working_days', workingDaysSlot, 'working_days_slot', WORKING_DAYS_SLOTS),
  {
    column: 'resolve_working_days_sum',
    item: (r, sign) => `COALESCE(${r}.resolve_working_days, 0) * ${sign}`,
    group: (i) => `COALESCE(sum(${i}.resolve_working_days), 0)`,
    add: 'resolve_working_days_sum = s.resolve_working_days_sum + EXCLUDED.resolve_working_days_sum',
  },
];

/** The columns of `recommendations` whose change moves an item's contribution. */
const TRACKED = [
  'status',
  'overdue',
  'max_escalation_level',
  'acknowledged_at',
  'resolved_at',
  'resolved_on_time',
  'category_code',
  'locality_unit_id',
  'lead_unit_id',
  'created_at',
];

const DISTRICT_OF = (l: string, p: string) =>
  `CASE WHEN ${l}.kind = 'district' THEN ${l}.id WHEN ${p}.kind = 'district' THEN ${p}.id END`;
const COMMUNE_OF = (l: string) => `CASE WHEN ${l}.kind = 'commune' THEN ${l}.id END`;
const DIMENSIONS = (r: string, district: string, commune: string) =>
  `(VALUES ('all', ''), ('unit', ${r}.lead_unit_id::text), ('district', ${district}::text),
           ('commune', ${commune}::text), ('category', ${r}.category_code)) d(dimension, member)`;

/** The summaries' three functions for a set of measures (as 1765000000000-tracking wrote them). */
function statsFunctions(measures: Measure[], tracked: string[]): string[] {
  const itemMeasures = (r: string, sign: string) => measures.map((m) => m.item(r, sign)).join(',\n ');
  const aggregate = (i: string) => measures.map((m) => m.group(i)).join(',\n ');
  const add = measures.map((m) => m.add).join(',\n ');
  const extra = measures.some((m) => m.column === 'resolve_working_days')
    ? `, r.resolved_after_extension, r.resolve_working_days, ${workingDaysSlot('r')} AS working_days_slot`
    : '';
  return [
    `CREATE OR REPLACE FUNCTION recommendation_stats_add(r recommendations, sign int) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        local_day timestamp := r.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh';
        district uuid;
        commune uuid;
      BEGIN
        SELECT ${DISTRICT_OF('l', 'p')}, ${COMMUNE_OF('l')} INTO district, commune
          FROM units l LEFT JOIN units p ON p.id = l.parent_id WHERE l.id = r.locality_unit_id;
        INSERT INTO recommendation_stats AS s
        SELECT g, date_trunc(g, local_day)::date, r.category_code, r.locality_unit_id, r.lead_unit_id,
               ${itemMeasures('r', 'sign')}
          FROM unnest(${GRAINS}) g
        ON CONFLICT (grain, period_start, category_code, locality_unit_id, lead_unit_id) DO UPDATE SET
          ${add};
        INSERT INTO recommendation_stats_by AS s
        SELECT g, date_trunc(g, local_day)::date, d.dimension, d.member, ${itemMeasures('r', 'sign')}
          FROM unnest(${GRAINS}) g, ${DIMENSIONS('r', 'district', 'commune')}
         WHERE d.member IS NOT NULL
        ON CONFLICT (grain, period_start, dimension, member) DO UPDATE SET ${add};
      END $$`,
    `CREATE OR REPLACE FUNCTION recommendation_stats_track() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND (${tracked.map((c) => `OLD.${c}`).join(', ')})
           IS NOT DISTINCT FROM (${tracked.map((c) => `NEW.${c}`).join(', ')}) THEN
          RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM recommendation_stats_add(OLD, -1); END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM recommendation_stats_add(NEW, 1); END IF;
        RETURN NULL;
      END $$`,
    `CREATE OR REPLACE FUNCTION recommendation_stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        CREATE TEMP TABLE stats_items ON COMMIT DROP AS
        SELECT g.grain, date_trunc(g.grain, r.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS period_start,
               r.category_code, r.locality_unit_id, r.lead_unit_id,
               ${DISTRICT_OF('l', 'p')} AS district, ${COMMUNE_OF('l')} AS commune,
               ngk_status_slot(r.status) AS status_slot, r.overdue, r.max_escalation_level,
               r.resolved_at IS NOT NULL AS resolved, r.resolved_on_time,
               ngk_hours_bucket(r.acknowledged_at - r.created_at) AS acknowledge_bucket,
               ngk_hours_bucket(r.resolved_at - r.created_at) AS resolve_bucket${extra}
          FROM recommendations r
          JOIN units l ON l.id = r.locality_unit_id
          LEFT JOIN units p ON p.id = l.parent_id
         CROSS JOIN unnest(${GRAINS}) g(grain);
        TRUNCATE recommendation_stats, recommendation_stats_by;
        INSERT INTO recommendation_stats
        SELECT i.grain, i.period_start, i.category_code, i.locality_unit_id, i.lead_unit_id, ${aggregate('i')}
          FROM stats_items i
         GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2;
        INSERT INTO recommendation_stats_by
        SELECT i.grain, i.period_start, d.dimension, d.member, ${aggregate('i')}
          FROM stats_items i CROSS JOIN LATERAL ${DIMENSIONS('i', 'i.district', 'i.commune')}
         WHERE d.member IS NOT NULL
         GROUP BY 1, 2, 3, 4 ORDER BY 1, 2;
        DROP TABLE stats_items;
      END $$`,
  ];
}

/** Every measure of both summaries from this migration on, in their columns' order. */
export const STATS_MEASURES: Measure[] = [...TRACKING_MEASURES, ...KPI_MEASURES];
/** The columns whose change moves an item's contribution, from this migration on. */
export const STATS_TRACKED = [...TRACKED, 'resolved_after_extension', 'resolve_working_days'];

/** For later migrations that rewrite the summaries' functions: an item's contribution to every measure. */
export const statsItemMeasures = (r: string, sign: string) =>
  STATS_MEASURES.map((m) => m.item(r, sign)).join(',\n ');
/** A group's value of every measure, from the rebuild's item table. */
export const statsAggregate = (i: string) => STATS_MEASURES.map((m) => m.group(i)).join(',\n ');
/** How two rows of every measure add up. */
export const STATS_ADD = STATS_MEASURES.map((m) => m.add).join(',\n ');
/** What the rebuild's item table holds for this migration's measures, besides the tracking ones. */
export const kpiItemColumns = (r: string) =>
  `${r}.resolved_after_extension, ${r}.resolve_working_days, ${workingDaysSlot(r)} AS working_days_slot`;
/** The summaries' functions as this migration leaves them (for a later migration's `down`). */
export const kpiStatsFunctions = () => statsFunctions(STATS_MEASURES, STATS_TRACKED);
/** The summaries' trigger function, watching these columns of `recommendations` as well. */
export const statsTrackFunction = (alsoTracked: string[]) =>
  statsFunctions(STATS_MEASURES, [...STATS_TRACKED, ...alsoTracked])[1];

type Payload = {
  deadlines?: { resolution?: { dueAt?: string } };
  deadline?: { after?: string; workingDays?: number };
};

/**
 * The three-way KPI (on time, on time after an approved extension, late) and the time to resolve in
 * working days, on the read model and in both summaries.
 *
 * - `resolution_extension_days`: the working days of approved extensions in the deadline in force; the
 *   original deadline is the deadline in force moved back by them (SlaClock.beforeExtensions).
 * - `resolved_after_extension`: resolved on time only thanks to an approved extension. With
 *   `resolved_on_time` (by the deadline in force) it gives the three classes of libs/domain kpi.ts.
 * - `resolve_working_days`: working days from submission to the first resolution, on the SLA calendar.
 *
 * The projection writes them from now on. Existing items are backfilled from the event log with the
 * real clock and today's calendar overrides: the deadline in force is followed through the deadlines
 * its events carry, the extension days through libs/domain's rule.
 */
export class ThreeWayKpi1796150400000 implements MigrationInterface {
  name = 'ThreeWayKpi1796150400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE recommendations
        ADD COLUMN resolution_extension_days int NOT NULL DEFAULT 0,
        ADD COLUMN resolved_after_extension boolean,
        ADD COLUMN resolve_working_days int,
        ADD CONSTRAINT "CHK_recommendations_after_extension_on_time"
          CHECK (NOT resolved_after_extension OR resolved_on_time)`);
    for (const table of ['recommendation_stats', 'recommendation_stats_by']) {
      await q.query(`
        ALTER TABLE ${table}
          ADD COLUMN resolved_after_extension int NOT NULL DEFAULT 0,
          ADD COLUMN resolve_working_days int[] NOT NULL DEFAULT array_fill(0, ARRAY[${WORKING_DAYS_SLOTS}]),
          ADD COLUMN resolve_working_days_sum bigint NOT NULL DEFAULT 0`);
    }
    await this.backfill(q);
    for (const sql of kpiStatsFunctions()) await q.query(sql);
    await q.query(`SELECT recommendation_stats_rebuild()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of statsFunctions(TRACKING_MEASURES, TRACKED)) await q.query(sql);
    for (const table of ['recommendation_stats', 'recommendation_stats_by']) {
      await q.query(`
        ALTER TABLE ${table} DROP COLUMN resolved_after_extension, DROP COLUMN resolve_working_days,
          DROP COLUMN resolve_working_days_sum`);
    }
    await q.query(`
      ALTER TABLE recommendations DROP COLUMN resolution_extension_days,
        DROP COLUMN resolved_after_extension, DROP COLUMN resolve_working_days`);
    await q.query(`SELECT recommendation_stats_rebuild()`);
  }

  private async backfill(q: QueryRunner): Promise<void> {
    const overrides: CalendarDay[] = await q.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_overrides`,
    );
    const clock = new SlaClock(
      new WorkingCalendar({ daysOfYear: (year) => vietnamDaysOfYear(year, overrides) }),
      TimeScale.REAL,
    );

    const resolved: { id: string; createdAt: Date; resolvedAt: Date }[] = await q.query(
      `SELECT id, created_at AS "createdAt", resolved_at AS "resolvedAt" FROM recommendations
        WHERE resolved_at IS NOT NULL`,
    );
    await q.query(
      `UPDATE recommendations r SET resolve_working_days = v.days, resolved_after_extension = false
         FROM unnest($1::uuid[], $2::int[]) v(id, days) WHERE r.id = v.id`,
      [
        resolved.map((r) => r.id),
        resolved.map((r) => clock.workingDaysBetween(r.createdAt.getTime(), r.resolvedAt.getTime())),
      ],
    );

    // Only items with an approved extension owe anything to one.
    const events: {
      id: string;
      type: RecommendationEventType;
      at: Date;
      payload: Payload;
      onTime: boolean | null;
    }[] = await q.query(
      `SELECT e.recommendation_id AS id, e.type, e.occurred_at AS at, e.payload, r.resolved_on_time AS "onTime"
         FROM recommendation_events e JOIN recommendations r ON r.id = e.recommendation_id
        WHERE e.recommendation_id IN (SELECT recommendation_id FROM recommendation_events
                                       WHERE type = 'extension-approved')
        ORDER BY e.recommendation_id, e.seq`,
    );
    const items = new Map<
      string,
      { due: number | null; days: number; afterExtension: boolean; done: boolean }
    >();
    for (const e of events) {
      let item = items.get(e.id);
      if (!item) items.set(e.id, (item = { due: null, days: 0, afterExtension: false, done: false }));
      let due = item.due;
      if (e.payload.deadlines) due = parse(e.payload.deadlines.resolution?.dueAt);
      else if (e.payload.deadline?.after) due = parse(e.payload.deadline.after);
      if (e.type === 'directive-close') due = null;
      if (e.type === 'resolved' && !item.done) {
        const kpi = resolutionTimeliness(e.at.getTime(), {
          dueAt: item.due,
          originalDueAt: item.due === null ? null : clock.beforeExtensions(item.due, item.days),
        });
        item.afterExtension = e.onTime === true && kpi === 'on-time-after-extension';
        item.done = true;
      }
      item.days = extensionDaysAfter(item.days, {
        type: e.type,
        payload: e.payload,
        deadlineChanged: due !== item.due,
      });
      item.due = due;
    }
    const ids = [...items.keys()];
    await q.query(
      `UPDATE recommendations r SET resolution_extension_days = v.days,
              resolved_after_extension = CASE WHEN r.resolved_at IS NULL THEN NULL ELSE v.after END
         FROM unnest($1::uuid[], $2::int[], $3::boolean[]) v(id, days, after) WHERE r.id = v.id`,
      [ids, ids.map((id) => items.get(id)!.days), ids.map((id) => items.get(id)!.afterExtension)],
    );
  }
}

const parse = (iso: string | undefined) => (iso ? Date.parse(iso) : null);
