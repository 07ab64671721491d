import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { STATS_FOLD_LOCK } from '../libs/persistence/src/migrations/1796280000000-stats-pending';
import { StatsFoldService } from '../apps/worker/src/stats-fold.service';
import { startWorker, useApps } from './support/apps';
import { foldStats, sql, unitId } from './support/fixtures';
import { authAs, client, leadershipDashboard } from './support/http';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A connection of its own, for a transaction left open or a lock held while the test goes on. */
async function connection(url = process.env.DATABASE_URL!): Promise<Client> {
  const c = new Client({ connectionString: url });
  await c.connect();
  return c;
}

/**
 * The dashboard's summaries are written by a fold, not by the transaction that changes an item: writers
 * append to `recommendation_stats_pending` and never wait for one another on the summaries' shared rows;
 * a fold takes only committed rows; the dashboard folds before it reads; a unit's move folds first, so a
 * pending change counts under the district it was written in; and whatever the order, the summaries end
 * as a rebuild from the items makes them.
 */
describe('the summaries’ pending rows', () => {
  // No worker of this file's own folds behind the tests' back; the last test starts one to watch it fold.
  const apps = useApps({ worker: false });
  let api: INestApplication;
  let districtA: string;
  let districtB: string;
  let communes: string[];
  let lead: string;
  let ids: string[];

  const dashboard = (query: Record<string, string>) => leadershipDashboard(api, query);

  /** The per-district rows of both districts, as kept. */
  const kept = (db: { query: Client['query'] } | null = null) => {
    const text = `SELECT district_unit_id, grain, period_start::text AS period, dimension, member, total,
                         by_status, overdue, escalated_1, escalated_2, resolved, resolved_on_time,
                         acknowledge_hours, resolve_hours, resolve_working_days, reopened
                    FROM recommendation_stats_in_district
                   WHERE district_unit_id = ANY($1) AND total <> 0 ORDER BY 1, 2, 3, 4, 5`;
    const params = [[districtA, districtB]];
    return db ? db.query(text, params).then((r) => r.rows as Json[]) : sql<Json>(text, params);
  };

  /** The same rows as a rebuild from the items makes them, read inside the rebuild's transaction and rolled back. */
  const rebuilt = async () => {
    const owner = await connection(process.env.DATABASE_MIGRATION_URL);
    try {
      await owner.query('BEGIN');
      await owner.query('SELECT recommendation_stats_rebuild()');
      return await kept(owner);
    } finally {
      await owner.query('ROLLBACK');
      await owner.end();
    }
  };

  const pendingOf = async (items: string[]) => {
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM recommendation_stats_pending p
        WHERE p.locality_unit_id = ANY($1) AND p.created_at = ANY(SELECT created_at FROM recommendations WHERE id = ANY($2))`,
      [communes, items],
    );
    return n;
  };

  /**
   * Holds the folds' lock on a connection of its own: folds that may skip do, those that must wait do.
   * A fold run on the holder itself goes ahead (a session's advisory locks never block that session).
   */
  const holdingTheFold = async <T>(run: (holder: Client) => Promise<T>): Promise<T> => {
    const holder = await connection();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [STATS_FOLD_LOCK]);
      return await run(holder);
    } finally {
      await holder.end();
    }
  };

  beforeAll(async () => {
    api = apps.api;
    const http = client(api);
    const province = await unitId('ben-tre');
    districtA = await http.addUnit({ kind: 'district', parentId: province });
    districtB = await http.addUnit({ kind: 'district', parentId: province });
    communes = [
      await http.addUnit({ kind: 'commune', parentId: districtA }),
      await http.addUnit({ kind: 'commune', parentId: districtA }),
    ];
    lead = await http.addUnit({ kind: 'department', parentId: province });
    ids = Array.from({ length: 12 }, () => randomUUID());
  });

  it('keeps a change pending until a fold, which counts it as a rebuild would', async () => {
    const [cadre] = await sql<{ id: string }>(`SELECT id FROM users WHERE username = 'cadre.hoaloi'`);
    await holdingTheFold(async (holder) => {
      // Twelve items of the same few days, in both communes, open, overdue and resolved.
      await sql(
        `INSERT INTO recommendations (id, workflow_id, title, situation, proposal, category_code,
           locality_unit_id, urgency, submitted_by, status, lead_unit_id, overdue, max_escalation_level,
           resolved_at, resolved_on_time, resolve_working_days, created_at)
         SELECT v.id, 'stats-pending-' || v.id, 'Đường liên ấp', 'Tình hình', 'Đề xuất', 'infrastructure',
                (ARRAY[$2, $3]::uuid[])[1 + v.n % 2], 'normal', $4,
                CASE WHEN v.n % 4 = 0 THEN 'closed' ELSE 'in-progress' END, $5, v.n % 3 = 1, v.n % 3,
                CASE WHEN v.n % 4 = 0 THEN '2022-05-20T03:00:00Z'::timestamptz END,
                CASE WHEN v.n % 4 = 0 THEN v.n % 8 = 0 END,
                CASE WHEN v.n % 4 = 0 THEN v.n END,
                '2022-05-02T03:00:00Z'::timestamptz + (v.n % 3) * interval '1 day'
           FROM unnest($1::uuid[]) WITH ORDINALITY AS v(id, n)`,
        [ids, communes[0], communes[1], cadre.id, lead],
      );
      expect(await pendingOf(ids)).toBe(12);
      // Nothing is in the summaries yet, and the folds that may skip leave it so.
      expect(await kept()).toEqual([]);
      expect((await sql(`SELECT recommendation_stats_fold(false) AS folded`))[0].folded).toBeNull();
      expect(await kept()).toEqual([]);
      // The fold that takes them runs under the same lock: the workers of the files sharing this database
      // fold every few seconds, and one of them could otherwise take these rows between release and fold.
      const folded = await holder.query<{ folded: string }>(
        `SELECT recommendation_stats_fold(true) AS folded`,
      );
      expect(Number(folded.rows[0].folded)).toBeGreaterThanOrEqual(12);
    });
    expect(await pendingOf(ids)).toBe(0);
    const rows = await kept();
    expect(rows).toContainEqual(
      expect.objectContaining({ district_unit_id: districtA, grain: 'month', dimension: 'all', total: 12 }),
    );
    expect(rows).toEqual(await rebuilt());
  });

  it('lets two writers of the same day’s items commit without waiting for one another', async () => {
    const first = await connection();
    const second = await connection();
    try {
      await first.query('BEGIN');
      await first.query(`UPDATE recommendations SET overdue = NOT overdue WHERE id = $1`, [ids[0]]);
      // The same day, commune, lead unit and category: the same summary rows, which the first holds open.
      // Written into them directly, the second would wait for the first's commit and give up here.
      await second.query(`SET lock_timeout = '3s'`);
      await second.query(`UPDATE recommendations SET overdue = NOT overdue WHERE id = $1`, [ids[6]]);
      await first.query('COMMIT');
    } finally {
      await first.end();
      await second.end();
    }
    await foldStats();
    expect(await kept()).toEqual(await rebuilt());
  });

  it('takes only committed changes, and the rest at the next fold', async () => {
    const writer = await connection();
    try {
      await writer.query('BEGIN');
      await writer.query(
        `UPDATE recommendations SET status = 'resolved', resolved_at = created_at + interval '2 days',
                resolved_on_time = true, resolve_working_days = 2 WHERE id = ANY($1) AND status = 'in-progress'`,
        [ids],
      );
      await foldStats();
      const before = await dashboard({ from: '2022-05-01', to: '2022-05-31', districtId: districtA });
      expect(before.totals.resolved).toBe(3);
      await writer.query('COMMIT');
    } finally {
      await writer.end();
    }
    // The dashboard folds before it reads: the committed change is in what a leader sees at once.
    const after = await dashboard({ from: '2022-05-01', to: '2022-05-31', districtId: districtA });
    expect(after.totals.resolved).toBe(12);
    expect(await kept()).toEqual(await rebuilt());
  });

  it('counts changes pending at a unit’s move under the district they were written in', async () => {
    await holdingTheFold(async () => {
      await sql(
        `UPDATE recommendations SET lead_unit_id = NULL, status = 'triage' WHERE id = ANY($1) AND locality_unit_id = $2`,
        [ids, communes[1]],
      );
      expect(await pendingOf(ids)).toBe(12);
    });
    // The move folds first, with the moved items locked: the pending rows count under district A, then
    // the items from the move's day on are recounted under district B.
    const moved = await request(api.getHttpServer())
      .post(`/api/units/${communes[1]}/moves`)
      .set(await authAs(api, 'admin'))
      .send({ parentId: districtB, from: '2022-05-03' });
    expect(moved.status).toBe(201);
    await foldStats();
    const rows = await kept();
    expect(rows).toEqual(await rebuilt());
    expect(rows).toContainEqual(
      expect.objectContaining({ district_unit_id: districtB, grain: 'month', dimension: 'all', total: 4 }),
    );
    const inA = await dashboard({ from: '2022-05-01', to: '2022-05-31', districtId: districtA });
    expect(inA.totals.total).toBe(8);
  });

  it('is folded by the worker every STATS_FOLD_INTERVAL_MS', async () => {
    const fold = jest.spyOn(StatsFoldService.prototype, 'fold');
    const saved = process.env.STATS_FOLD_INTERVAL_MS;
    process.env.STATS_FOLD_INTERVAL_MS = '200';
    const worker = await startWorker();
    try {
      await sql(`UPDATE recommendations SET overdue = NOT overdue WHERE id = $1`, [ids[1]]);
      for (let i = 0; i < 150 && (fold.mock.calls.length < 2 || (await pendingOf(ids)) > 0); i++) {
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(fold.mock.calls.length).toBeGreaterThanOrEqual(2);
      expect(await pendingOf(ids)).toBe(0);
      expect(await kept()).toEqual(await rebuilt());
    } finally {
      await worker.close();
      fold.mockRestore();
      if (saved === undefined) delete process.env.STATS_FOLD_INTERVAL_MS;
      else process.env.STATS_FOLD_INTERVAL_MS = saved;
    }
  });
});
