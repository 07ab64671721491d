import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { useApps } from './support/apps';
import { examples, vietnamToday } from './support/examples';
import { foldStats, sql, unitId } from './support/fixtures';
import { authAs, client, eventually } from './support/http';

type Dashboard = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Leadership's dashboard and search, over the summary the database keeps and the real workflow. */
describe('tracking: dashboard and search', () => {
  const apps = useApps();
  let api: INestApplication;
  let http: ReturnType<typeof client>;
  beforeAll(() => {
    api = apps.api;
    http = client(api);
  });

  const dashboard = async (username: string, query: Record<string, string> = {}, status = 200) => {
    const res = await request(api.getHttpServer())
      .get('/api/dashboard')
      .query(query)
      .set(await authAs(api, username));
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
    return res.body as Dashboard;
  };

  /** A commune no other test knows, so its figures are this test's alone. */
  const freshCommune = async () => http.addUnit({ kind: 'commune', parentId: await unitId('thanh-phu') });

  describe('figures of past items, written to the read model', () => {
    // Items of 2019, a year no other test touches: statuses, durations and escalations known in advance.
    let commune: string;
    const submitted = '2019-05-06T09:00:00+07:00';
    beforeAll(async () => {
      commune = await freshCommune();
      const [cadre] = await sql<{ id: string }>(`SELECT id FROM users WHERE username = 'cadre.hoaloi'`);
      const dot = await unitId('dot');
      const dard = await unitId('dard');
      const rows: [
        string,
        string,
        string | null,
        number | null,
        number | null,
        boolean | null,
        boolean,
        number,
      ][] = [
        // status, category, lead, hours to acknowledge, hours to resolve, on time, overdue, highest level
        ['closed', 'infrastructure', dot, 2, 100, true, false, 0],
        ['closed', 'infrastructure', dot, 4, 300, false, false, 1],
        ['in-progress', 'infrastructure', dot, 10, null, null, true, 1],
        ['standing-committee-review', 'agriculture-resources', dard, null, null, null, true, 2],
        ['triage', 'agriculture-resources', null, null, null, null, false, 0],
      ];
      for (const [status, category, lead, ack, resolve, onTime, overdue, level] of rows) {
        await sql(
          `INSERT INTO recommendations (id, workflow_id, title, situation, proposal, category_code, locality_unit_id,
             urgency, submitted_by, status, lead_unit_id, created_at, acknowledged_at, resolved_at, resolved_on_time,
             overdue, escalation_level, max_escalation_level)
           VALUES ($1, $2, 'Kiến nghị năm 2019', 'Tình hình', 'Đề xuất', $3, $4, 'normal', $5, $6, $7, $8,
             $8::timestamptz + make_interval(hours => $9), $8::timestamptz + make_interval(hours => $10), $11, $12, $13, $13)`,
          [
            randomUUID(),
            `past-${randomUUID()}`,
            category,
            commune,
            cadre.id,
            status,
            lead,
            submitted,
            ack,
            resolve,
            onTime,
            overdue,
            level,
          ],
        );
      }
    });

    it('counts by status, overdue and escalation level, with the on-time rate and durations', async () => {
      const d = await dashboard('viewer.leadership', {
        from: '2019-01-01',
        to: '2019-12-31',
        communeId: commune,
      });
      expect(d.totals).toMatchObject({
        total: 5,
        open: 3,
        overdue: 2,
        escalated: { level1: 2, level2: 1 },
        resolved: 2,
        resolvedOnTime: 1,
        onTimeRate: 0.5,
      });
      expect(d.totals.byStatus).toMatchObject({
        closed: 2,
        'in-progress': 1,
        'standing-committee-review': 1,
        triage: 1,
      });
      expect(d.totals.acknowledgeHours.count).toBe(3);
      // Histogram estimates: the median of 2, 4 and 10 hours lies in 4's bucket, p90 in 10's.
      expect(d.totals.acknowledgeHours.median).toBeGreaterThanOrEqual(3.7);
      expect(d.totals.acknowledgeHours.median).toBeLessThanOrEqual(4.9);
      expect(d.totals.acknowledgeHours.p90).toBeGreaterThanOrEqual(8.2);
      expect(d.totals.acknowledgeHours.p90).toBeLessThanOrEqual(10.7);
      expect(d.totals.resolveHours.count).toBe(2);
    });

    it('breaks the figures down by unit, district, commune and category', async () => {
      const d = await dashboard('viewer.leadership', {
        from: '2019-05-01',
        to: '2019-05-31',
        communeId: commune,
      });
      const by = (list: Dashboard[], code: string) => list.find((r) => r.code === code);
      expect(by(d.byUnit, 'dot')).toMatchObject({ total: 3, resolved: 2, onTimeRate: 0.5, overdue: 1 });
      expect(by(d.byUnit, 'dard')).toMatchObject({ total: 1, escalated: { level1: 0, level2: 1 } });
      expect(d.byUnit).toHaveLength(2); // the item still in triage has no lead unit
      expect(d.byDistrict).toEqual([expect.objectContaining({ code: 'thanh-phu', total: 5 })]);
      expect(d.byCommune).toEqual([expect.objectContaining({ id: commune, total: 5 })]);
      expect(by(d.byCategory, 'infrastructure')).toMatchObject({
        total: 3,
        nameEn: 'Infrastructure and transport',
      });
      expect(by(d.byCategory, 'agriculture-resources')).toMatchObject({ total: 2 });
      expect(d.trend).toEqual([
        {
          month: '2019-05',
          total: 5,
          resolved: 2,
          overdue: 2,
          reopened: 0,
          onTime: 1,
          onTimeAfterExtension: 0,
          late: 1,
        },
      ]);
    });

    it('counts only the days of the period, at any grain', async () => {
      const only = (from: string, to: string) =>
        dashboard('viewer.leadership', { from, to, communeId: commune }).then((d) => d.totals.total);
      expect(await only('2019-05-06', '2019-05-06')).toBe(5);
      expect(await only('2019-05-07', '2019-12-31')).toBe(0);
      expect(await only('2018-01-01', '2019-05-05')).toBe(0);
      expect(await only('2018-12-15', '2020-02-10')).toBe(5);
      expect((await dashboard('viewer.leadership', { communeId: commune })).totals.total).toBe(5);
    });

    it('reads the same figures unfiltered, from the per-dimension summary', async () => {
      // No other test writes items submitted in 2019: the whole province that year is this commune.
      const period = { from: '2019-01-01', to: '2019-12-31' };
      const filtered = await dashboard('viewer.leadership', { ...period, communeId: commune });
      const unfiltered = await dashboard('viewer.leadership', period);
      expect(unfiltered).toEqual(filtered);
      const ragged = { from: '2018-12-15', to: '2019-05-06' };
      expect(await dashboard('viewer.leadership', ragged)).toEqual(
        await dashboard('viewer.leadership', { ...ragged, communeId: commune }),
      );
    });

    it('moves an item between counts when its status changes, and the trigger agrees with a rebuild', async () => {
      await sql(
        `UPDATE recommendations SET status = 'closed', overdue = false, resolved_at = created_at + interval '50 hours',
                resolved_on_time = true WHERE locality_unit_id = $1 AND status = 'in-progress'`,
        [commune],
      );
      const d = await dashboard('viewer.leadership', {
        from: '2019-01-01',
        to: '2019-12-31',
        communeId: commune,
      });
      expect(d.totals).toMatchObject({ total: 5, open: 2, overdue: 1, resolved: 3, resolvedOnTime: 2 });
      expect(d.totals.byStatus).toMatchObject({ closed: 3, 'in-progress': 0 });
      // The same figures computed from the read model's rows, against what the trigger kept.
      const items = await sql<{
        overdue: boolean;
        resolved: boolean;
        bucket: number | null;
        category: string;
      }>(
        `SELECT overdue, resolved_at IS NOT NULL AS resolved, category_code AS category,
                ngk_hours_bucket(acknowledged_at - created_at) AS bucket
           FROM recommendations WHERE locality_unit_id = $1`,
        [commune],
      );
      expect(items).toHaveLength(5);
      expect(items.filter((i) => i.overdue)).toHaveLength(1);
      expect(items.filter((i) => i.resolved)).toHaveLength(3);
      const histogram = new Array(41).fill(0);
      for (const i of items) if (i.category === 'infrastructure' && i.bucket) histogram[i.bucket - 1]++;
      await foldStats();
      const [kept] = await sql<{ ack: number[] }>(
        `SELECT acknowledge_hours AS ack FROM recommendation_stats
          WHERE grain = 'year' AND period_start = '2019-01-01' AND locality_unit_id = $1 AND category_code = 'infrastructure'`,
        [commune],
      );
      expect(kept.ack).toEqual(histogram);

      // Reopening changes nothing the other measures read: the trigger follows reopened_count alone.
      await sql(
        `UPDATE recommendations SET reopened_count = 2
          WHERE locality_unit_id = $1 AND status = 'closed' AND resolved_on_time = false`,
        [commune],
      );
      const reopened = await dashboard('viewer.leadership', {
        from: '2019-01-01',
        to: '2019-12-31',
        communeId: commune,
      });
      expect(reopened.totals).toMatchObject({ resolved: 3, reopened: 1, reopenedShare: 0.333 });
      expect(reopened.trend.filter((m: Dashboard) => m.total > 0)).toEqual([
        expect.objectContaining({ month: '2019-05', reopened: 1 }),
      ]);
    });
  });

  describe('an item through the real workflow', () => {
    it('is counted as submitted, then resolved on time and closed', async () => {
      const commune = await freshCommune();
      const ex = await examples();
      const today = vietnamToday();
      const scope = { communeId: commune, from: today, to: today };
      expect((await dashboard('viewer.leadership', scope)).totals.total).toBe(0);

      const created = await http.submit('cadre.phongnam', { ...ex.propaganda, localityUnitId: commune });
      expect(created.status).toBe(201);
      const id = created.body.id;
      const counted = await eventually(
        () => dashboard('viewer.leadership', scope),
        (d) => d.totals.total === 1,
      );
      expect(counted.totals).toMatchObject({ total: 1, open: 1 });
      expect(counted.byUnit).toEqual([expect.objectContaining({ code: 'propaganda-board', total: 1 })]);

      // The unit's inbox lists the task with its deadline.
      const inbox = await request(api.getHttpServer())
        .get('/api/tasks')
        .set(await authAs(api, 'officer.propaganda'))
        .expect(200);
      const task = inbox.body.find((t: Dashboard) => t.recommendation.id === id);
      expect(task).toMatchObject({ role: 'lead', status: 'open', overdue: false });
      expect(task.dueAt).toEqual(expect.any(String));
      const dues = inbox.body.map((t: Dashboard) => t.dueAt).filter(Boolean);
      expect(dues).toEqual([...dues].sort());

      expect((await http.act('officer.propaganda', id, 'acknowledge')).status).toBe(200);
      const resolved = await http.act('officer.propaganda', id, 'resolve', {
        response: 'Đã ban hành sổ tay hỏi đáp.',
        outcome: 'implemented',
      });
      expect(resolved.status).toBe(200);
      expect((await http.act('cadre.phongnam', id, 'feedback', { verdict: 'accept' })).status).toBe(200);
      const d = await eventually(
        () => dashboard('viewer.leadership', scope),
        (x) => x.totals.byStatus.closed === 1,
      );
      expect(d.totals).toMatchObject({ total: 1, open: 0, resolved: 1, resolvedOnTime: 1, onTimeRate: 1 });
      expect(d.totals.acknowledgeHours).toMatchObject({ count: 1, median: expect.any(Number) });
      expect(d.totals.acknowledgeHours.median).toBeLessThan(1);
      const [row] = await sql<{ acknowledged_at: Date; resolved_at: Date }>(
        `SELECT acknowledged_at, resolved_at FROM recommendations WHERE id = $1`,
        [id],
      );
      expect(row.resolved_at.getTime()).toBeGreaterThanOrEqual(row.acknowledged_at.getTime());
    });
  });

  describe('who sees which figures, and bad periods', () => {
    it('refuses cadres, and unit staff asking for another unit', async () => {
      await dashboard('cadre.hoaloi', {}, 403);
      const other = await unitId('dard');
      await dashboard('officer.dot', { unitId: other }, 403);
      const own = await dashboard('officer.dot', {});
      expect(own.byUnit.every((u: Dashboard) => u.code === 'dot')).toBe(true);
    });

    it('names the field of a bad period', async () => {
      const bad = async (query: Record<string, string>, field: string) => {
        const body = await dashboard('viewer.leadership', query, 400);
        expect(body.errors).toEqual([expect.objectContaining({ field })]);
      };
      await bad({ from: '2026-13-01' }, 'from');
      await bad({ to: '2026-02-30T00:00' }, 'to');
      await bad({ from: '2026-03-01', to: '2026-02-01' }, 'to');
      await bad({ unitId: 'not-a-uuid' }, 'unitId');
    });
  });

  describe('search over title, situation and proposal', () => {
    let id: string;
    beforeAll(async () => {
      const ex = await examples();
      const created = await http.submit('cadre.hoaloi', {
        ...ex.road26,
        title: `Nâng cấp đường 26 xã Hòa Lợi ${randomUUID().slice(0, 6)}`,
        situation: 'Đường 26 qua xã Hòa Lợi xuống cấp, mùa mưa ngập sâu.',
        proposal: 'Đầu tư nâng cấp mặt đường, kinh phí khoảng 10 tỷ đồng.',
      });
      expect(created.status).toBe(201);
      id = created.body.id;
    });

    const search = async (text: string) => {
      const res = await request(api.getHttpServer())
        .get('/api/recommendations')
        .query({ text, limit: 100 })
        .set(await authAs(api, 'viewer.leadership'))
        .expect(200);
      return res.body.items.map((i: { id: string }) => i.id) as string[];
    };

    it.each([
      ['without diacritics', 'duong 26 hoa loi'],
      ['with diacritics', 'đường 26 Hòa Lợi'],
      ['another placement of the tone mark', 'hoà lợi'],
      ['upper case', 'ĐƯỜNG 26'],
      ['decomposed Unicode', 'Ho\u0300a Lo\u031Bi'],
      ['words from the situation and the proposal', 'ngap sau 10 ty'],
    ])('finds it %s', async (_, text) => {
      expect(await search(text)).toContain(id);
    });

    it('needs every word, and treats % and _ as letters', async () => {
      expect(await search('duong 26 hoa loi sân bay')).not.toContain(id);
      expect(await search('duong%loi')).not.toContain(id);
      expect(await search('_')).not.toContain(id);
    });

    it('can answer from the trigram index on the folded text', async () => {
      // On a small table the planner rightly scans; with scans priced out it must find the index usable.
      const client = new Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query('SET LOCAL enable_seqscan = off');
        const plan = await client.query(
          `EXPLAIN SELECT id FROM recommendations r WHERE r.search_text LIKE ngk_fold('%hoa loi%')`,
        );
        await client.query('ROLLBACK');
        expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('IDX_recommendations_search');
      } finally {
        await client.end();
      }
    });
  });
});
