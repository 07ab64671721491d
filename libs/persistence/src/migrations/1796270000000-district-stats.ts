import type { MigrationInterface, QueryRunner } from 'typeorm';
import { COMMUNE_OF, DIMENSIONS, STATS_GRAINS } from './1765000000000-tracking';
import {
  kpiItemColumns,
  STATS_ADD,
  STATS_MEASURES,
  STATS_TRACKED,
  statsTrackFunction,
} from './1796150400000-three-way-kpi';
import { datedStatsFunctions } from './1796160000000-dated-units';
import { REOPENED } from './1796190000000-reopened-kpi';

/** Every measure of the summaries, in their columns' order: its column, a group's value, and whether it is a count vector. */
const MEASURES = [
  ...STATS_MEASURES.map((m) => ({
    column: m.column,
    group: m.group,
    vector: m.add.includes('ngk_add_counts'),
  })),
  { column: 'reopened', group: REOPENED.group, vector: false },
];
const COLUMNS = MEASURES.map((m) => m.column).join(', ');
const ADD = [STATS_ADD, REOPENED.add].join(',\n ');
/** A group's measures, named by their columns. */
const grouped = (i: string) => MEASURES.map((m) => `${m.group(i)} AS ${m.column}`).join(',\n ');
/** The grouped measures as added (1) or taken away (-1). */
const signed = (sign: 1 | -1) =>
  MEASURES.map((m) =>
    sign === 1 ? m.column : m.vector ? `ngk_negate_counts(${m.column})` : `-${m.column}`,
  ).join(', ');

/** The members an item counts under inside its district: the district itself, its lead unit, its commune, its category. */
const DISTRICT_DIMENSIONS = (r: string, commune: string) =>
  `(VALUES ('all', ''), ('unit', ${r}.lead_unit_id::text), ('commune', ${commune}::text),
           ('category', ${r}.category_code)) d(dimension, member)`;

/**
 * The items of `source` (rows of recommendations, as `r`) at every grain, with the slots and buckets the
 * summaries group: one definition for the trigger, the rebuild and a unit's move. The district is the
 * one of the item's day (ngk_item_district), worked out once per item.
 */
const itemsOf = (source: string) => `
  SELECT g.grain, date_trunc(g.grain, i.local_day)::date AS period_start, i.*
    FROM (SELECT r.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh' AS local_day,
                 r.category_code, r.locality_unit_id, r.lead_unit_id,
                 ngk_item_district(r.locality_unit_id, r.created_at) AS district, ${COMMUNE_OF('l')} AS commune,
                 ngk_status_slot(r.status) AS status_slot, r.overdue, r.max_escalation_level,
                 r.resolved_at IS NOT NULL AS resolved, r.resolved_on_time,
                 ngk_hours_bucket(r.acknowledged_at - r.created_at) AS acknowledge_bucket,
                 ngk_hours_bucket(r.resolved_at - r.created_at) AS resolve_bucket,
                 ${kpiItemColumns('r')}, ${REOPENED.itemColumn('r')}
            FROM ${source} JOIN units l ON l.id = r.locality_unit_id
          OFFSET 0) i
   CROSS JOIN unnest(${STATS_GRAINS}) g(grain)`;

/**
 * One statement that adds (1) or takes away (-1) the items of `source` in all three summaries, a group
 * of items per summary row, rows written in key order (so two writers lock them in the same order).
 */
export const applyStats = (source: string, sign: 1 | -1) => `
  WITH i AS MATERIALIZED (${itemsOf(source)}),
  combination AS (
    INSERT INTO recommendation_stats AS s
           (grain, period_start, category_code, locality_unit_id, lead_unit_id, district_unit_id, ${COLUMNS})
    SELECT grain, period_start, category_code, locality_unit_id, lead_unit_id, district, ${signed(sign)}
      FROM (SELECT i.grain, i.period_start, i.category_code, i.locality_unit_id, i.lead_unit_id, i.district,
                   ${grouped('i')}
              FROM i GROUP BY 1, 2, 3, 4, 5, 6) a
     ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (grain, period_start, category_code, locality_unit_id, lead_unit_id, district_unit_id)
    DO UPDATE SET ${ADD}),
  dimension AS (
    INSERT INTO recommendation_stats_by AS s (grain, period_start, dimension, member, ${COLUMNS})
    SELECT grain, period_start, dimension, member, ${signed(sign)}
      FROM (SELECT i.grain, i.period_start, d.dimension, d.member, ${grouped('i')}
              FROM i CROSS JOIN LATERAL ${DIMENSIONS('i', 'i.district', 'i.commune')}
             WHERE d.member IS NOT NULL GROUP BY 1, 2, 3, 4) a
     ORDER BY 1, 2, 3, 4
    ON CONFLICT (grain, period_start, dimension, member) DO UPDATE SET ${ADD})
  INSERT INTO recommendation_stats_in_district AS s
         (district_unit_id, grain, period_start, dimension, member, ${COLUMNS})
  SELECT district, grain, period_start, dimension, member, ${signed(sign)}
    FROM (SELECT i.district, i.grain, i.period_start, d.dimension, d.member, ${grouped('i')}
            FROM i CROSS JOIN LATERAL ${DISTRICT_DIMENSIONS('i', 'i.commune')}
           WHERE i.district IS NOT NULL AND d.member IS NOT NULL GROUP BY 1, 2, 3, 4, 5) a
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (district_unit_id, grain, period_start, dimension, member) DO UPDATE SET ${ADD}`;

/** The columns of `recommendations` whose change moves an item's contribution: all the summaries read of an item. */
export const TRACKED = [...STATS_TRACKED, 'reopened_count'];
export const changed = (a: string, b: string) =>
  `(${TRACKED.map((c) => `${a}.${c}`).join(', ')}) IS DISTINCT FROM (${TRACKED.map((c) => `${b}.${c}`).join(', ')})`;

/** The statement triggers' body: the changed items added to all three summaries in the writer's transaction. */
export const DIRECT_TRACK_BODY = `
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${applyStats('new_rows r', 1)};
        ELSIF TG_OP = 'DELETE' THEN
          ${applyStats('old_rows r', -1)};
        ELSE
          -- Most writes to an item change nothing the summaries count (its timestamps, its event count).
          IF NOT EXISTS (SELECT FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${changed('o', 'n')}) THEN
            RETURN NULL;
          END IF;
          ${applyStats(`(SELECT o.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${changed('o', 'n')}) r`, -1)};
          ${applyStats(`(SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE ${changed('o', 'n')}) r`, 1)};
        END IF;
        RETURN NULL;
      END`;
/**
 * A third summary, per district: the dashboard filtered by a district reads one row per period and member
 * (the district, each lead unit, commune and category in it), as the unfiltered dashboard reads
 * `recommendation_stats_by`, instead of every combination of category, locality and lead unit. A ragged
 * period's days then cost rows bounded by the reference data, not by how many items came each day.
 *
 * All three summaries are now kept per statement rather than per row: the triggers read the statement's
 * rows (transition tables) and add each group of items to its summary row once, with the same item
 * columns and group measures the rebuild uses. A bulk load or a batch update costs one upsert per summary
 * row touched instead of some thirty per item, and a single item's change costs the same as before.
 * `recommendation_stats_add` (a unit moved from a date recounts its items with it) keeps all three too.
 */
export class DistrictStats1796270000000 implements MigrationInterface {
  name = 'DistrictStats1796270000000';

  async up(q: QueryRunner): Promise<void> {
    // The per-dimension summary's columns, measures and their defaults included, after the district.
    await q.query(`
      CREATE TABLE recommendation_stats_in_district (
        district_unit_id uuid NOT NULL,
        LIKE recommendation_stats_by INCLUDING DEFAULTS,
        CHECK (grain IN ('year', 'month', 'day')),
        CHECK (dimension IN ('all', 'unit', 'commune', 'category')),
        -- A district's rows of one grain and period lie together in the key.
        CONSTRAINT "PK_recommendation_stats_in_district"
          PRIMARY KEY (district_unit_id, grain, period_start, dimension, member)
      ) WITH (fillfactor = 80)`);
    await q.query(`
      CREATE FUNCTION ngk_negate_counts(a int[]) RETURNS int[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT array_agg(-x ORDER BY i) FROM unnest(a) WITH ORDINALITY AS t(x, i) $$`);

    // New parameter names (a row parameter named like the items' alias would be ambiguous): made again.
    await q.query(`DROP FUNCTION recommendation_stats_add(recommendations, int)`);
    await q.query(`
      CREATE FUNCTION recommendation_stats_add(item recommendations, sign int) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        IF sign = 1 THEN ${applyStats('(SELECT (item).*) r', 1)};
        ELSE ${applyStats('(SELECT (item).*) r', -1)};
        END IF;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION recommendation_stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE recommendation_stats, recommendation_stats_by, recommendation_stats_in_district;
        -- Written in key order, so a period's rows share pages.
        ${applyStats('recommendations r', 1)};
      END $$`);
    await q.query(`
      CREATE FUNCTION recommendation_stats_track_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      ${DIRECT_TRACK_BODY} $$`);
    await q.query(`DROP TRIGGER recommendation_stats_track ON recommendations`);
    await q.query(`DROP FUNCTION recommendation_stats_track`);
    // Transition tables allow one event per trigger.
    await q.query(`
      CREATE TRIGGER recommendation_stats_insert AFTER INSERT ON recommendations
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION recommendation_stats_track_rows()`);
    await q.query(`
      CREATE TRIGGER recommendation_stats_update AFTER UPDATE ON recommendations
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION recommendation_stats_track_rows()`);
    await q.query(`
      CREATE TRIGGER recommendation_stats_delete AFTER DELETE ON recommendations
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION recommendation_stats_track_rows()`);
    await q.query(`SELECT recommendation_stats_rebuild()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) {
      await q.query(`DROP TRIGGER recommendation_stats_${event} ON recommendations`);
    }
    await q.query(`DROP FUNCTION recommendation_stats_track_rows`);
    await q.query(`DROP FUNCTION recommendation_stats_add(recommendations, int)`);
    for (const sql of datedStatsFunctions([REOPENED])) await q.query(sql);
    await q.query(statsTrackFunction(['reopened_count']).replace('CREATE OR REPLACE', 'CREATE'));
    await q.query(`
      CREATE TRIGGER recommendation_stats_track AFTER INSERT OR UPDATE OR DELETE ON recommendations
      FOR EACH ROW EXECUTE FUNCTION recommendation_stats_track()`);
    await q.query(`DROP TABLE recommendation_stats_in_district`);
    await q.query(`DROP FUNCTION ngk_negate_counts`);
    await q.query(`SELECT recommendation_stats_rebuild()`);
  }
}
