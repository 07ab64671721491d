import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The statuses in the order of `by_status` positions; a test holds it equal to the domain's list. */
export const STATS_STATUS_ORDER = [
  'submitted',
  'triage',
  'routed',
  'awaiting-info',
  'in-progress',
  'resolved',
  'standing-committee-review',
  'planned',
  'awaiting-verification',
  'closed',
] as const;

/** Duration histograms: bucket 1 is under an hour, bucket k ≥ 2 is [1.3^(k-2), 1.3^(k-1)) hours. */
export const HOURS_BUCKETS = 41;
export const HOURS_BUCKET_GROWTH = 1.3;

const GRAINS = ['year', 'month', 'day'] as const;
/** The grains as an SQL array literal. */
export const STATS_GRAINS = `ARRAY[${GRAINS.map((g) => `'${g}'`).join(', ')}]`;

/** What both summaries count, per row. */
const MEASURE_COLUMNS = `total int NOT NULL,
        by_status int[] NOT NULL,
        overdue int NOT NULL,
        escalated_1 int NOT NULL,
        escalated_2 int NOT NULL,
        resolved int NOT NULL,
        resolved_on_time int NOT NULL,
        acknowledge_hours int[] NOT NULL,
        resolve_hours int[] NOT NULL`;

/** One item's measures, each `sign` (1 or -1) where it counts. */
export const itemMeasures = (r: string, sign: string) => `${sign},
            ngk_one_hot(ngk_status_slot(${r}.status), ${STATS_STATUS_ORDER.length}, ${sign}),
            CASE WHEN ${r}.overdue THEN ${sign} ELSE 0 END,
            CASE WHEN ${r}.max_escalation_level = 1 THEN ${sign} ELSE 0 END,
            CASE WHEN ${r}.max_escalation_level >= 2 THEN ${sign} ELSE 0 END,
            CASE WHEN ${r}.resolved_at IS NOT NULL THEN ${sign} ELSE 0 END,
            CASE WHEN ${r}.resolved_on_time THEN ${sign} ELSE 0 END,
            ngk_one_hot(ngk_hours_bucket(${r}.acknowledged_at - ${r}.created_at), ${HOURS_BUCKETS}, ${sign}),
            ngk_one_hot(ngk_hours_bucket(${r}.resolved_at - ${r}.created_at), ${HOURS_BUCKETS}, ${sign})`;

/** How many of a group's items fall in each slot 1…size of `column`, as one vector. */
const countsBySlot = (column: string, size: number) =>
  `ARRAY[${Array.from({ length: size }, (_, i) => `count(*) FILTER (WHERE ${column} = ${i + 1})`).join(', ')}]::int[]`;

/** The measures of a group of prepared items (see recommendation_stats_rebuild). */
export const AGGREGATE_MEASURES = (i: string) => `count(*),
               ${countsBySlot(`${i}.status_slot`, STATS_STATUS_ORDER.length)},
               count(*) FILTER (WHERE ${i}.overdue),
               count(*) FILTER (WHERE ${i}.max_escalation_level = 1),
               count(*) FILTER (WHERE ${i}.max_escalation_level >= 2),
               count(*) FILTER (WHERE ${i}.resolved),
               count(*) FILTER (WHERE ${i}.resolved_on_time),
               ${countsBySlot(`${i}.acknowledge_bucket`, HOURS_BUCKETS)},
               ${countsBySlot(`${i}.resolve_bucket`, HOURS_BUCKETS)}`;

/** A summary row plus the one being inserted (`s` and EXCLUDED). */
export const ADD_MEASURES = `total = s.total + EXCLUDED.total,
          by_status = ngk_add_counts(s.by_status, EXCLUDED.by_status),
          overdue = s.overdue + EXCLUDED.overdue,
          escalated_1 = s.escalated_1 + EXCLUDED.escalated_1,
          escalated_2 = s.escalated_2 + EXCLUDED.escalated_2,
          resolved = s.resolved + EXCLUDED.resolved,
          resolved_on_time = s.resolved_on_time + EXCLUDED.resolved_on_time,
          acknowledge_hours = ngk_add_counts(s.acknowledge_hours, EXCLUDED.acknowledge_hours),
          resolve_hours = ngk_add_counts(s.resolve_hours, EXCLUDED.resolve_hours)`;

/** A locality's district: itself, or its parent when that is one. */
const DISTRICT_OF = (l: string, p: string) =>
  `CASE WHEN ${l}.kind = 'district' THEN ${l}.id WHEN ${p}.kind = 'district' THEN ${p}.id END`;
export const COMMUNE_OF = (l: string) => `CASE WHEN ${l}.kind = 'commune' THEN ${l}.id END`;

/** The members an item counts under, one per dimension (null when it has none there). */
export const DIMENSIONS = (r: string, district: string, commune: string) =>
  `(VALUES ('all', ''), ('unit', ${r}.lead_unit_id::text), ('district', ${district}::text),
           ('commune', ${commune}::text), ('category', ${r}.category_code)) d(dimension, member)`;

/** One item's contribution, added (sign 1) or taken away (sign -1), at every grain, in both summaries. */
export const STATS_ADD_FUNCTION = `
      CREATE OR REPLACE FUNCTION recommendation_stats_add(r recommendations, sign int) RETURNS void LANGUAGE plpgsql AS $$
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
          FROM unnest(ARRAY[${GRAINS.map((g) => `'${g}'`).join(', ')}]) g
        ON CONFLICT (grain, period_start, category_code, locality_unit_id, lead_unit_id) DO UPDATE SET
          ${ADD_MEASURES};
        INSERT INTO recommendation_stats_by AS s
        SELECT g, date_trunc(g, local_day)::date, d.dimension, d.member, ${itemMeasures('r', 'sign')}
          FROM unnest(ARRAY[${GRAINS.map((g) => `'${g}'`).join(', ')}]) g,
               ${DIMENSIONS('r', 'district', 'commune')}
         WHERE d.member IS NOT NULL
        ON CONFLICT (grain, period_start, dimension, member) DO UPDATE SET ${ADD_MEASURES};
      END $$`;

/**
 * Recomputes both summaries from the read model in one pass each: after a bulk load with the trigger
 * off, or to check the trigger's running totals.
 */
export const STATS_REBUILD_FUNCTION = `
      CREATE OR REPLACE FUNCTION recommendation_stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- Each item's slots and buckets once, at every grain; both summaries are grouped from it.
        CREATE TEMP TABLE stats_items ON COMMIT DROP AS
        SELECT g.grain, date_trunc(g.grain, r.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS period_start,
               r.category_code, r.locality_unit_id, r.lead_unit_id,
               ${DISTRICT_OF('l', 'p')} AS district, ${COMMUNE_OF('l')} AS commune,
               ngk_status_slot(r.status) AS status_slot, r.overdue, r.max_escalation_level,
               r.resolved_at IS NOT NULL AS resolved, r.resolved_on_time,
               ngk_hours_bucket(r.acknowledged_at - r.created_at) AS acknowledge_bucket,
               ngk_hours_bucket(r.resolved_at - r.created_at) AS resolve_bucket
          FROM recommendations r
          JOIN units l ON l.id = r.locality_unit_id
          LEFT JOIN units p ON p.id = l.parent_id
         CROSS JOIN unnest(ARRAY[${GRAINS.map((g) => `'${g}'`).join(', ')}]) g(grain);
        TRUNCATE recommendation_stats, recommendation_stats_by;
        -- Written in period order, so a period's rows share pages.
        INSERT INTO recommendation_stats
        SELECT i.grain, i.period_start, i.category_code, i.locality_unit_id, i.lead_unit_id,
               ${AGGREGATE_MEASURES('i')}
          FROM stats_items i
         GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2;
        INSERT INTO recommendation_stats_by
        SELECT i.grain, i.period_start, d.dimension, d.member, ${AGGREGATE_MEASURES('i')}
          FROM stats_items i CROSS JOIN LATERAL ${DIMENSIONS('i', 'i.district', 'i.commune')}
         WHERE d.member IS NOT NULL
         GROUP BY 1, 2, 3, 4 ORDER BY 1, 2;
        DROP TABLE stats_items;
      END $$`;

/**
 * Tracking: when each item was first acknowledged and resolved (and whether on time), the highest
 * escalation level it reached, a summary table that keeps the dashboard's cost independent of how many
 * items there are, and diacritic-insensitive text search.
 *
 * The summary is kept by a trigger on the read model, at three grains (year, month, day of submission,
 * in Vietnam's time zone, one partition each) per (category, locality, lead unit): a period is read as
 * whole years, whole months and the days at its edges, a number of rows bounded by the reference data
 * whatever the number of items.
 */
export class Tracking1765000000000 implements MigrationInterface {
  name = 'Tracking1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      ALTER TABLE recommendations
        ADD COLUMN acknowledged_at timestamptz,
        ADD COLUMN resolved_at timestamptz,
        ADD COLUMN resolved_on_time boolean,
        ADD COLUMN max_escalation_level int NOT NULL DEFAULT 0`);
    await q.query(`UPDATE recommendations SET max_escalation_level = escalation_level`);
    await q.query(`
      UPDATE recommendations r SET acknowledged_at = e.at
        FROM (SELECT recommendation_id, min(occurred_at) AS at FROM recommendation_events
               WHERE type = 'acknowledged' GROUP BY 1) e
       WHERE e.recommendation_id = r.id`);
    await q.query(`
      UPDATE recommendations r SET resolved_at = e.at, resolved_on_time = COALESCE(e.at <= r.resolution_due_at, true)
        FROM (SELECT recommendation_id, min(occurred_at) AS at FROM recommendation_events
               WHERE type = 'resolved' GROUP BY 1) e
       WHERE e.recommendation_id = r.id`);

    // unaccent() is only STABLE (its dictionary could change); naming the dictionary makes the fold
    // safe to index. Vietnamese đ/Đ fold to d/D in its rules.
    await q.query(`
      CREATE FUNCTION ngk_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`);
    await q.query(`
      ALTER TABLE recommendations ADD COLUMN search_text text
        GENERATED ALWAYS AS (ngk_fold(title || ' ' || situation || ' ' || proposal)) STORED`);
    await q.query(
      `CREATE INDEX "IDX_recommendations_search" ON recommendations USING gin (search_text gin_trgm_ops)`,
    );

    await q.query(`
      CREATE FUNCTION ngk_hours_bucket(elapsed interval) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT CASE
        WHEN elapsed IS NULL THEN NULL
        WHEN extract(epoch FROM elapsed) < 3600 THEN 1
        ELSE least(${HOURS_BUCKETS}, 2 + floor(ln(extract(epoch FROM elapsed) / 3600) / ln(${HOURS_BUCKET_GROWTH}))::int)
      END $$`);
    await q.query(`
      CREATE FUNCTION ngk_status_slot(status text) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT array_position(ARRAY[${STATS_STATUS_ORDER.map((s) => `'${s}'`).join(',')}]::text[], status) $$`);
    // A one-hot count vector: `amount` at `slot`, zero elsewhere (all zero when slot is null).
    await q.query(`
      CREATE FUNCTION ngk_one_hot(slot int, size int, amount int) RETURNS int[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT array_agg(CASE WHEN i = slot THEN amount ELSE 0 END ORDER BY i) FROM generate_series(1, size) i $$`);
    await q.query(`
      CREATE FUNCTION ngk_add_counts(a int[], b int[]) RETURNS int[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT array_agg(x + y ORDER BY i) FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i) $$`);
    // Two summaries with the same measures: per (category, locality, lead unit) for any filter, and per
    // single dimension (everything, a lead unit, a district, a commune, a category) for the unfiltered
    // dashboard, whose rows are as many as the reference data has members, whatever the item count.
    await q.query(`
      CREATE TABLE recommendation_stats (
        grain text NOT NULL CHECK (grain IN ('year', 'month', 'day')),
        period_start date NOT NULL,
        category_code text NOT NULL,
        locality_unit_id uuid NOT NULL,
        lead_unit_id uuid,
        ${MEASURE_COLUMNS},
        CONSTRAINT "PK_recommendation_stats" UNIQUE NULLS NOT DISTINCT
          (grain, period_start, category_code, locality_unit_id, lead_unit_id)
      ) PARTITION BY LIST (grain)`);
    await q.query(`
      CREATE TABLE recommendation_stats_by (
        grain text NOT NULL CHECK (grain IN ('year', 'month', 'day')),
        period_start date NOT NULL,
        dimension text NOT NULL CHECK (dimension IN ('all', 'unit', 'district', 'commune', 'category')),
        member text NOT NULL,
        ${MEASURE_COLUMNS},
        CONSTRAINT "PK_recommendation_stats_by" PRIMARY KEY (grain, period_start, dimension, member)
      ) PARTITION BY LIST (grain)`);
    // One partition per grain: a period's year and month rows sit together, apart from the many day rows.
    for (const table of ['recommendation_stats', 'recommendation_stats_by']) {
      for (const grain of GRAINS) {
        // Room on each page, so the trigger's updates stay on the row's page.
        await q.query(
          `CREATE TABLE ${table}_${grain} PARTITION OF ${table} FOR VALUES IN ('${grain}') WITH (fillfactor = 80)`,
        );
      }
    }

    // Each filter of the dashboard finds its rows by index: the district's communes, the lead unit, the
    // category, each with the period.
    for (const column of ['locality_unit_id', 'lead_unit_id', 'category_code']) {
      await q.query(`CREATE INDEX ON recommendation_stats (${column}, grain, period_start)`);
    }

    // One item's contribution, added (sign 1) or taken away (sign -1), at every grain, in both summaries.
    await q.query(STATS_ADD_FUNCTION);
    await q.query(`
      CREATE FUNCTION recommendation_stats_track() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND (OLD.status, OLD.overdue, OLD.max_escalation_level, OLD.acknowledged_at,
             OLD.resolved_at, OLD.resolved_on_time, OLD.category_code, OLD.locality_unit_id, OLD.lead_unit_id,
             OLD.created_at)
           IS NOT DISTINCT FROM (NEW.status, NEW.overdue, NEW.max_escalation_level, NEW.acknowledged_at,
             NEW.resolved_at, NEW.resolved_on_time, NEW.category_code, NEW.locality_unit_id, NEW.lead_unit_id,
             NEW.created_at) THEN
          RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM recommendation_stats_add(OLD, -1); END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM recommendation_stats_add(NEW, 1); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER recommendation_stats_track AFTER INSERT OR UPDATE OR DELETE ON recommendations
      FOR EACH ROW EXECUTE FUNCTION recommendation_stats_track()`);

    // Recomputes both summaries from the read model in one pass each: after a bulk load with the trigger
    // off, or to check the trigger's running totals. A commune moved to another district is counted
    // under its district of today.
    await q.query(STATS_REBUILD_FUNCTION);
    await q.query(`SELECT recommendation_stats_rebuild()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER recommendation_stats_track ON recommendations`);
    await q.query(`DROP FUNCTION recommendation_stats_rebuild`);
    await q.query(`DROP FUNCTION recommendation_stats_track`);
    await q.query(`DROP FUNCTION recommendation_stats_add`);
    await q.query(`DROP TABLE recommendation_stats_by`);
    await q.query(`DROP TABLE recommendation_stats`);
    await q.query(`DROP FUNCTION ngk_add_counts`);
    await q.query(`DROP FUNCTION ngk_one_hot`);
    await q.query(`DROP FUNCTION ngk_status_slot`);
    await q.query(`DROP FUNCTION ngk_hours_bucket`);
    await q.query(`DROP INDEX "IDX_recommendations_search"`);
    await q.query(`ALTER TABLE recommendations DROP COLUMN search_text`);
    await q.query(`DROP FUNCTION ngk_fold`);
    await q.query(`
      ALTER TABLE recommendations DROP COLUMN acknowledged_at, DROP COLUMN resolved_at,
        DROP COLUMN resolved_on_time, DROP COLUMN max_escalation_level`);
  }
}
