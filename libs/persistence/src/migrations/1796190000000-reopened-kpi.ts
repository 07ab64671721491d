import type { MigrationInterface, QueryRunner } from 'typeorm';
import { statsTrackFunction } from './1796150400000-three-way-kpi';
import { datedStatsFunctions, type LaterMeasure } from './1796160000000-dated-units';

/** An item counts once when its cadre reopened it at least once (libs/domain kpi.ts, reopenedShare). */
export const REOPENED: LaterMeasure = {
  item: (r, sign) => `CASE WHEN ${r}.reopened_count > 0 THEN ${sign} ELSE 0 END`,
  group: (i) => `count(*) FILTER (WHERE ${i}.reopened)`,
  add: 'reopened = s.reopened + EXCLUDED.reopened',
  itemColumn: (r) => `${r}.reopened_count > 0 AS reopened`,
};

/**
 * Reopened items in both summaries, so the dashboard's tiles, breakdowns and trend count them like the
 * other figures: a column after the others, the functions that fill it, and the trigger watching
 * `reopened_count`. Existing items are counted by the rebuild.
 */
export class ReopenedKpi1796190000000 implements MigrationInterface {
  name = 'ReopenedKpi1796190000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['recommendation_stats', 'recommendation_stats_by']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN reopened int NOT NULL DEFAULT 0`);
    }
    for (const sql of datedStatsFunctions([REOPENED])) await q.query(sql);
    await q.query(statsTrackFunction(['reopened_count']));
    await q.query(`SELECT recommendation_stats_rebuild()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of datedStatsFunctions()) await q.query(sql);
    await q.query(statsTrackFunction([]));
    for (const table of ['recommendation_stats', 'recommendation_stats_by']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN reopened`);
    }
    await q.query(`SELECT recommendation_stats_rebuild()`);
  }
}
