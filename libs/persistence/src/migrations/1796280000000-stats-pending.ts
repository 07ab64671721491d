import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  MOVED_ITEMS_LOCKED_AND_FOLDED,
  MOVED_ITEMS_UNLOCKED,
  unitParentFromFunction,
} from './1796160000000-dated-units';
import { applyStats, changed, DIRECT_TRACK_BODY, TRACKED } from './1796270000000-district-stats';

/** The advisory lock a fold holds until its transaction ends: one folder at a time, whoever asks. */
export const STATS_FOLD_LOCK = 7_219_460_001;
/** Pending rows a fold takes in one go: its working set stays small however long the pending rows waited. */
const FOLD_BATCH = 20_000;

const COLUMNS = TRACKED.join(', ');
/**
 * The dashboard's summaries are no longer written by the transaction that changes an item.
 *
 * Every projection, submission and escalation used to add its item to the summaries' shared rows inside
 * its own transaction: every item of a day shares its `all` rows, so concurrent writers queued on those
 * rows' locks until commit, and a burst of deadlines or submissions ran one at a time behind them.
 *
 * Now the statement triggers append the changed items' counted columns to `recommendation_stats_pending`
 * (the old values to take away, -1, and the new ones to add, +1): an insert into a table without indexes,
 * which nothing else writes, so writers never wait for one another there. `recommendation_stats_fold()`
 * moves the pending rows into the three summaries with the same `applyStats` the rebuild uses, one folder
 * at a time under an advisory lock:
 * - the worker folds every few seconds (`STATS_FOLD_INTERVAL_MS`);
 * - the dashboard folds before it reads, so a leader sees every committed change;
 * - a unit's move folds first, with the moved items locked, so each pending row is counted under the
 *   district it was written in.
 */
export class StatsPending1796280000000 implements MigrationInterface {
  name = 'StatsPending1796280000000';

  async up(q: QueryRunner): Promise<void> {
    // The counted columns of recommendations, with their types, and the sign they are counted with.
    await q.query(`
      CREATE TABLE recommendation_stats_pending AS
      SELECT 1::smallint AS sign, ${COLUMNS} FROM recommendations WITH NO DATA`);
    await q.query(`ALTER TABLE recommendation_stats_pending ALTER COLUMN sign SET NOT NULL`);
    await q.query(`ALTER TABLE recommendation_stats_pending ADD CHECK (sign IN (1, -1))`);

    await q.query(`
      CREATE FUNCTION recommendation_stats_fold(wait boolean) RETURNS bigint LANGUAGE plpgsql AS $$
      DECLARE
        batch recommendation_stats_pending[];
        folded bigint := 0;
      BEGIN
        IF wait THEN
          PERFORM pg_advisory_xact_lock(${STATS_FOLD_LOCK});
        ELSIF NOT pg_try_advisory_xact_lock(${STATS_FOLD_LOCK}) THEN
          -- Another fold is under way: what it leaves, the next one takes.
          RETURN NULL;
        END IF;
        LOOP
          -- Only committed rows are seen and taken; a writer's later rows wait for the next fold.
          WITH taken AS (
            DELETE FROM recommendation_stats_pending
             WHERE ctid = ANY (ARRAY(SELECT ctid FROM recommendation_stats_pending LIMIT ${FOLD_BATCH}))
            RETURNING *)
          SELECT array_agg(taken::recommendation_stats_pending) INTO batch FROM taken;
          EXIT WHEN batch IS NULL;
          -- Within the one transaction, so nobody sees a row taken away before it is added.
          ${applyStats('(SELECT * FROM unnest(batch) WHERE sign = 1) r', 1)};
          ${applyStats('(SELECT * FROM unnest(batch) WHERE sign = -1) r', -1)};
          folded := folded + cardinality(batch);
        END LOOP;
        RETURN folded;
      END $$`);

    await q.query(`
      CREATE OR REPLACE FUNCTION recommendation_stats_track_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO recommendation_stats_pending SELECT 1, ${COLUMNS} FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO recommendation_stats_pending SELECT -1, ${COLUMNS} FROM old_rows;
        ELSE
          -- Most writes to an item change nothing the summaries count (its timestamps, its event count).
          INSERT INTO recommendation_stats_pending
          SELECT v.* FROM old_rows o JOIN new_rows n ON n.id = o.id
           CROSS JOIN LATERAL (VALUES (-1::smallint, ${TRACKED.map((c) => `o.${c}`).join(', ')}),
                                      (1::smallint, ${TRACKED.map((c) => `n.${c}`).join(', ')})) v
           WHERE ${changed('o', 'n')};
        END IF;
        RETURN NULL;
      END $$`);

    await q.query(`
      CREATE OR REPLACE FUNCTION recommendation_stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(${STATS_FOLD_LOCK});
        -- Waits for writers of pending rows to commit; what they changed is then in the recount.
        TRUNCATE recommendation_stats, recommendation_stats_by, recommendation_stats_in_district,
                 recommendation_stats_pending;
        ${applyStats('recommendations r', 1)};
      END $$`);

    // A unit's move folds first, with the moved items locked.
    await q.query(unitParentFromFunction(MOVED_ITEMS_LOCKED_AND_FOLDED));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(unitParentFromFunction(MOVED_ITEMS_UNLOCKED));
    await q.query(`
      CREATE OR REPLACE FUNCTION recommendation_stats_track_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      ${DIRECT_TRACK_BODY} $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION recommendation_stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE recommendation_stats, recommendation_stats_by, recommendation_stats_in_district;
        ${applyStats('recommendations r', 1)};
      END $$`);
    await q.query(`DROP FUNCTION recommendation_stats_fold(boolean)`);
    await q.query(`DROP TABLE recommendation_stats_pending`);
    await q.query(`SELECT recommendation_stats_rebuild()`);
  }
}
