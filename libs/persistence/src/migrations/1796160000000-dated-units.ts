import type { MigrationInterface, QueryRunner } from 'typeorm';
import { COMMUNE_OF, DIMENSIONS, STATS_GRAINS } from './1765000000000-tracking';
import {
  kpiItemColumns,
  kpiStatsFunctions,
  STATS_ADD,
  statsAggregate,
  statsItemMeasures,
} from './1796150400000-three-way-kpi';

/** The first instant of a local date in Việt Nam. */
const DAY_START = (day: string) => `(${day}::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`;

/** How ngk_unit_parent_from (as DatedUnits1796160000000 made it) finds the moved items' ids. */
export const MOVED_ITEMS_UNLOCKED = `
        -- The same items are taken away and added back: one committed meanwhile is counted once, by its own trigger.
        SELECT COALESCE(array_agg(id), '{}') INTO touched FROM recommendations
         WHERE locality_unit_id = unit AND created_at >= ${DAY_START('from_day')};`;

/**
 * The moved items locked, in id order, so none of them changes until the move commits; and the pending
 * changes folded into the summaries then, each under the district it was written in (StatsPending1796280000000).
 */
export const MOVED_ITEMS_LOCKED_AND_FOLDED = `
        touched := ARRAY(SELECT id FROM recommendations
                          WHERE locality_unit_id = unit AND created_at >= ${DAY_START('from_day')}
                          ORDER BY id FOR UPDATE);
        PERFORM recommendation_stats_fold(true);`;

/**
 * Moves a unit under `parent` (none when null) from `from_day` on: `touch` puts the ids of the locality's
 * items submitted since into `touched`; they are taken away from the summaries, the links from that day
 * are replaced, and they are counted again under the new district.
 */
export const unitParentFromFunction = (touch: string) => `
      CREATE OR REPLACE FUNCTION ngk_unit_parent_from(unit uuid, parent uuid, from_day date) RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE
        touched uuid[];
      BEGIN${touch}
        PERFORM recommendation_stats_add(r, -1) FROM recommendations r WHERE r.id = ANY(touched);
        DELETE FROM unit_parents WHERE unit_id = unit AND valid_from >= from_day;
        UPDATE unit_parents SET valid_to = from_day - 1
         WHERE unit_id = unit AND (valid_to IS NULL OR valid_to >= from_day);
        IF parent IS NOT NULL THEN
          INSERT INTO unit_parents (unit_id, parent_id, valid_from) VALUES (unit, parent, from_day);
        END IF;
        PERFORM recommendation_stats_add(r, 1) FROM recommendations r WHERE r.id = ANY(touched);
      END $$`;

/**
 * A measure a later migration adds to both summaries, as a column after all of these (after the
 * district on the per-combination one): an item's contribution, a group's, how rows add up, and what the
 * rebuild's item table holds for it.
 */
export interface LaterMeasure {
  item: (r: string, sign: string) => string;
  group: (i: string) => string;
  add: string;
  itemColumn: (r: string) => string;
}

/** The summaries' add and rebuild functions with the district of the item's day, and any later measures. */
export function datedStatsFunctions(later: LaterMeasure[] = []): string[] {
  const item = (r: string) => later.map((m) => `, ${m.item(r, 'sign')}`).join('');
  const group = (i: string) => later.map((m) => `, ${m.group(i)}`).join('');
  const add = [STATS_ADD, ...later.map((m) => m.add)].join(',\n ');
  return [
    `
      CREATE OR REPLACE FUNCTION recommendation_stats_add(r recommendations, sign int) RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE
        local_day timestamp := r.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh';
        district uuid := ngk_item_district(r.locality_unit_id, r.created_at);
        commune uuid;
      BEGIN
        SELECT ${COMMUNE_OF('l')} INTO commune FROM units l WHERE l.id = r.locality_unit_id;
        INSERT INTO recommendation_stats AS s
        SELECT g, date_trunc(g, local_day)::date, r.category_code, r.locality_unit_id, r.lead_unit_id,
               ${statsItemMeasures('r', 'sign')}, district${item('r')}
          FROM unnest(${STATS_GRAINS}) g
        ON CONFLICT (grain, period_start, category_code, locality_unit_id, lead_unit_id, district_unit_id)
        DO UPDATE SET ${add};
        INSERT INTO recommendation_stats_by AS s
        SELECT g, date_trunc(g, local_day)::date, d.dimension, d.member, ${statsItemMeasures('r', 'sign')}${item('r')}
          FROM unnest(${STATS_GRAINS}) g, ${DIMENSIONS('r', 'district', 'commune')}
         WHERE d.member IS NOT NULL
        ON CONFLICT (grain, period_start, dimension, member) DO UPDATE SET ${add};
      END $$`,
    `
      CREATE OR REPLACE FUNCTION recommendation_stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- Each item's slots and buckets once, at every grain; both summaries are grouped from it.
        CREATE TEMP TABLE stats_items ON COMMIT DROP AS
        SELECT g.grain, date_trunc(g.grain, r.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS period_start,
               r.category_code, r.locality_unit_id, r.lead_unit_id,
               ngk_item_district(r.locality_unit_id, r.created_at) AS district, ${COMMUNE_OF('l')} AS commune,
               ngk_status_slot(r.status) AS status_slot, r.overdue, r.max_escalation_level,
               r.resolved_at IS NOT NULL AS resolved, r.resolved_on_time,
               ngk_hours_bucket(r.acknowledged_at - r.created_at) AS acknowledge_bucket,
               ngk_hours_bucket(r.resolved_at - r.created_at) AS resolve_bucket, ${kpiItemColumns('r')}${later.map((m) => `, ${m.itemColumn('r')}`).join('')}
          FROM recommendations r
          JOIN units l ON l.id = r.locality_unit_id
         CROSS JOIN unnest(${STATS_GRAINS}) g(grain);
        TRUNCATE recommendation_stats, recommendation_stats_by;
        -- Written in period order, so a period's rows share pages.
        INSERT INTO recommendation_stats
        SELECT i.grain, i.period_start, i.category_code, i.locality_unit_id, i.lead_unit_id,
               ${statsAggregate('i')}, i.district${group('i')}
          FROM stats_items i
         GROUP BY 1, 2, 3, 4, 5, i.district ORDER BY 1, 2;
        INSERT INTO recommendation_stats_by
        SELECT i.grain, i.period_start, d.dimension, d.member, ${statsAggregate('i')}${group('i')}
          FROM stats_items i CROSS JOIN LATERAL ${DIMENSIONS('i', 'i.district', 'i.commune')}
         WHERE d.member IS NOT NULL
         GROUP BY 1, 2, 3, 4 ORDER BY 1, 2;
        DROP TABLE stats_items;
      END $$`,
  ];
}

/**
 * Units are dated data: a unit names its successors, and a unit's parent is a dated link, so an item
 * counts under the district its locality belonged to on the day it was submitted.
 *
 * `ngk_item_district(locality, submitted_at)` is the one definition of "the district of an item": the
 * summaries' trigger, their rebuild and the quarterly report all call it. `units.parent_id` stays the
 * parent of today; a trigger keeps the links in step with it, and `ngk_unit_parent_from` moves a unit
 * from a date, counting again the items that date touches.
 */
export class DatedUnits1796160000000 implements MigrationInterface {
  name = 'DatedUnits1796160000000';

  async up(q: QueryRunner): Promise<void> {
    // Links of one unit may not overlap: the exclusion constraint needs equality on uuid in a GiST index.
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE TABLE unit_successors (
        unit_id uuid NOT NULL REFERENCES units (id) ON DELETE CASCADE,
        successor_id uuid NOT NULL REFERENCES units (id) ON DELETE CASCADE,
        -- The decision that named the successor, when one is known ("Nghị quyết …").
        decided_by text,
        PRIMARY KEY (unit_id, successor_id),
        CHECK (unit_id <> successor_id)
      )`);
    await q.query(`CREATE INDEX "IDX_unit_successors_successor" ON unit_successors (successor_id)`);
    // valid_to is the last day under that parent, as units.valid_to is a unit's last day.
    await q.query(`
      CREATE TABLE unit_parents (
        unit_id uuid NOT NULL REFERENCES units (id) ON DELETE CASCADE,
        parent_id uuid NOT NULL REFERENCES units (id),
        valid_from date NOT NULL,
        valid_to date,
        PRIMARY KEY (unit_id, valid_from),
        CHECK (valid_to IS NULL OR valid_to >= valid_from),
        CHECK (unit_id <> parent_id),
        CONSTRAINT "EXCL_unit_parents_overlap" EXCLUDE USING gist
          (unit_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
      )`);
    await q.query(`CREATE INDEX "IDX_unit_parents_parent" ON unit_parents (parent_id)`);
    await q.query(`
      INSERT INTO unit_parents (unit_id, parent_id, valid_from)
      SELECT id, parent_id, valid_from FROM units WHERE parent_id IS NOT NULL`);

    // The link in force on a day: the earliest one not ended by then. A day before the first link counts
    // under the first parent (older items than the unit's recorded start), a day after a unit was
    // detached under no parent.
    await q.query(`
      CREATE FUNCTION ngk_parent_on(unit uuid, day date) RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT parent_id FROM unit_parents WHERE unit_id = unit AND (valid_to IS NULL OR valid_to >= day)
             ORDER BY valid_from LIMIT 1 $$`);
    // The district of an item: its locality when that is a district, else the locality's parent on the
    // day of submission (in Việt Nam) when that parent is a district.
    await q.query(`
      CREATE FUNCTION ngk_item_district(locality uuid, submitted_at timestamptz) RETURNS uuid
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT CASE WHEN l.kind = 'district' THEN l.id WHEN p.kind = 'district' THEN p.id END
              FROM units l
              LEFT JOIN units p ON p.id = ngk_parent_on(l.id, (submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
             WHERE l.id = locality $$`);

    // The per-combination summary keeps the district as well, so a district filter finds an item by the
    // district of its day, not by where its commune sits today.
    await q.query(`ALTER TABLE recommendation_stats ADD COLUMN district_unit_id uuid`);
    await q.query(`ALTER TABLE recommendation_stats DROP CONSTRAINT "PK_recommendation_stats"`);
    await q.query(`
      ALTER TABLE recommendation_stats ADD CONSTRAINT "PK_recommendation_stats" UNIQUE NULLS NOT DISTINCT
        (grain, period_start, category_code, locality_unit_id, lead_unit_id, district_unit_id)`);
    await q.query(`CREATE INDEX ON recommendation_stats (district_unit_id, grain, period_start)`);

    for (const sql of datedStatsFunctions()) await q.query(sql);

    await q.query(unitParentFromFunction(MOVED_ITEMS_UNLOCKED));
    // Whoever writes units.parent_id (the admin screens, the seed, a script) leaves the links in step:
    // a new unit's parent from its first day, a changed parent from today.
    await q.query(`
      CREATE FUNCTION units_parent_track() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.parent_id IS NOT NULL THEN
            INSERT INTO unit_parents (unit_id, parent_id, valid_from) VALUES (NEW.id, NEW.parent_id, NEW.valid_from);
          END IF;
        ELSIF NEW.parent_id IS DISTINCT FROM
              (SELECT parent_id FROM unit_parents WHERE unit_id = NEW.id AND valid_to IS NULL) THEN
          PERFORM ngk_unit_parent_from(NEW.id, NEW.parent_id,
            greatest((now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, NEW.valid_from));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER units_parent_track AFTER INSERT OR UPDATE OF parent_id ON units
      FOR EACH ROW EXECUTE FUNCTION units_parent_track()`);
    await q.query(`SELECT recommendation_stats_rebuild()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER units_parent_track ON units`);
    await q.query(`DROP FUNCTION units_parent_track`);
    await q.query(`DROP FUNCTION ngk_unit_parent_from`);
    // Rows that differ by district alone would collide without it: emptied, then rebuilt.
    await q.query(`TRUNCATE recommendation_stats, recommendation_stats_by`);
    await q.query(`ALTER TABLE recommendation_stats DROP CONSTRAINT "PK_recommendation_stats"`);
    await q.query(`ALTER TABLE recommendation_stats DROP COLUMN district_unit_id`);
    await q.query(`
      ALTER TABLE recommendation_stats ADD CONSTRAINT "PK_recommendation_stats" UNIQUE NULLS NOT DISTINCT
        (grain, period_start, category_code, locality_unit_id, lead_unit_id)`);
    // The functions as the three-way KPI left them: communes counted under today's parent.
    for (const sql of kpiStatsFunctions()) await q.query(sql);
    await q.query(`SELECT recommendation_stats_rebuild()`);
    await q.query(`DROP FUNCTION ngk_item_district`);
    await q.query(`DROP FUNCTION ngk_parent_on`);
    await q.query(`DROP TABLE unit_parents`);
    await q.query(`DROP TABLE unit_successors`);
  }
}
