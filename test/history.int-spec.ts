import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { previousQuarter, quarterAfter, TimeScale, WorkingCalendar } from '@ngk/domain';
import { vietnamDaysOfYear } from '@ngk/domain/calendar/vietnam-holidays';
import { StandingCommitteeLevel1765300417293 } from '@ngk/persistence/migrations/1765300417293-standing-committee-level';
import { useAppsOnOwnDatabase } from './support/apps';
import { CLOCK_START, shortClockEnv } from './support/clock';
import { examples, vietnamToday } from './support/examples';
import { foldStats, sqlAt } from './support/fixtures';
import { authAs, client, eventually } from './support/http';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One day lasts two seconds: deadlines pass and escalate while the test watches. */
const DAY_SECONDS = 2;
const EPOCH = new Date().toISOString();
const scale = TimeScale.dayLasts(DAY_SECONDS, Date.parse(EPOCH), Date.parse(CLOCK_START));
const calendar = new WorkingCalendar({ daysOfYear: (year) => vietnamDaysOfYear(year, []) });

/**
 * Figures leaders can trust, and a history people can read: one definition of the Standing Committee's
 * level across the dashboard's tiles, its breakdowns, its lists and the quarterly report (JSON and
 * XLSX), driven through the real workflow on a database of the file's own; and a timeline that names
 * people, units and where a transfer went.
 */
describe('history: escalation counted once, timeline with names', () => {
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const [key, value] of Object.entries(shortClockEnv(DAY_SECONDS, EPOCH))) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
  });
  afterAll(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  const apps = useAppsOnOwnDatabase('history');
  let api: INestApplication;
  let http: ReturnType<typeof client>;
  const sql = <T = Json>(text: string, params: unknown[] = []) =>
    sqlAt<T>(process.env.DATABASE_URL!, text, params);
  const unitId = async (code: string) =>
    (await sql<{ id: string }>(`SELECT id FROM units WHERE code = $1`, [code]))[0].id;

  beforeAll(() => {
    api = apps.api;
    http = client(api);
  });

  const timeline = (id: string) => http.timeline(id) as Promise<Json[]>;
  const ok = async (res: Promise<request.Response>, status = 200) => {
    const r = await res;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
    return r.body as Json;
  };
  const get = async (username: string, path: string, query: Record<string, unknown> = {}) =>
    request(api.getHttpServer())
      .get(path)
      .query(query)
      .set(await authAs(api, username));

  describe('a twice-disputed item, an item overdue past the grace period, one breached then acknowledged', () => {
    let district: string;
    let commune: string;
    const ids = { disputed: '', overdue: '', level1: '' };

    beforeAll(async () => {
      district = await http.addUnit({ kind: 'district', parentId: await unitId('ben-tre') });
      commune = await http.addUnit({ kind: 'commune', parentId: district });
      const ex = await examples();
      const submit = async (title: string, urgency: string) =>
        (
          await ok(
            http.submit('cadre.phongnam', { ...ex.propaganda, title, urgency, localityUnitId: commune }),
            201,
          )
        ).id as string;
      ids.overdue = await submit('Quá hạn: không ai tiếp nhận', 'urgent');
      ids.level1 = await submit('Quá hạn rồi được tiếp nhận', 'urgent');
      ids.disputed = await submit('Cán bộ không đồng ý hai lần', 'normal');

      // The disputed item is answered and disputed twice, long before any of its deadlines.
      const officer = 'officer.propaganda';
      await ok(http.act(officer, ids.disputed, 'acknowledge', { note: 'Đã nhận.' }));
      for (const round of [1, 2]) {
        await ok(
          http.act(officer, ids.disputed, 'resolve', {
            response: `Trả lời lần ${round}.`,
            outcome: 'implemented',
          }),
        );
        await ok(
          http.act('cadre.phongnam', ids.disputed, 'feedback', {
            verdict: 'dispute',
            reason: `Chưa đúng thực tế, lần ${round}.`,
          }),
        );
      }

      // The second urgent item misses its acknowledgement (level 1), then is acknowledged and answered in
      // the grace period: it never reaches the committee, and no later deadline of its unit can pass.
      // The first is left alone until level 2.
      await eventually(
        () => timeline(ids.level1),
        (ev) => ev.some((e) => e.type === 'escalated' && e.payload.level === 1),
        60_000,
      );
      await ok(http.act(officer, ids.level1, 'acknowledge'));
      await ok(http.act(officer, ids.level1, 'resolve', { response: 'Đã xử lý.', outcome: 'implemented' }));
      await eventually(
        () => timeline(ids.overdue),
        (ev) => ev.some((e) => e.type === 'escalated' && e.payload.level === 2),
        60_000,
      );
    });

    it('takes the twice-disputed item to the committee at level 2, without calling it overdue', async () => {
      const disputed = await ok(http.get('member.standing', ids.disputed));
      expect(disputed).toMatchObject({
        status: 'standing-committee-review',
        escalationLevel: 2,
        overdue: false,
        disputeCount: 2,
      });
      expect(disputed.allowedActions).toEqual(['directive']);
      const overdue = await ok(http.get('member.standing', ids.overdue));
      expect(overdue).toMatchObject({
        status: 'standing-committee-review',
        escalationLevel: 2,
        overdue: true,
      });
      // Answered: its feedback window may close in silence meanwhile, at level 1 all the same.
      const level1 = await ok(http.get('officer.propaganda', ids.level1));
      expect(level1).toMatchObject({ escalationLevel: 1, overdue: false });
      expect(['resolved', 'closed']).toContain(level1.status);
    });

    it('counts them alike in the tiles, every breakdown and both summaries', async () => {
      const today = vietnamToday();
      const query = { from: today, to: today, communeId: commune };
      const d = await ok(get('viewer.leadership', '/api/dashboard', query));
      const expected = {
        total: 3,
        overdue: 1,
        escalated: { level1: 1, level2: 2 },
        resolved: 2,
        resolvedOnTime: 2,
      };
      expect(d.totals).toMatchObject(expected);
      expect(d.totals.byStatus['standing-committee-review']).toBe(2);
      const propaganda = await unitId('propaganda-board');
      expect(d.byUnit).toEqual([expect.objectContaining({ id: propaganda, ...expected })]);
      expect(d.byDistrict).toEqual([expect.objectContaining({ id: district, ...expected })]);
      expect(d.byCommune).toEqual([expect.objectContaining({ id: commune, ...expected })]);
      expect(d.byCategory).toEqual([expect.objectContaining({ code: 'propaganda', ...expected })]);
      // The per-dimension summary, read for the district unfiltered by commune, agrees.
      const byDistrict = await ok(
        get('viewer.leadership', '/api/dashboard', { from: today, to: today, districtId: district }),
      );
      expect(byDistrict.totals).toMatchObject(expected);
      // And the trigger's running totals agree with a rebuild from the rows.
      await foldStats();
      const kept = await sql(`SELECT * FROM recommendation_stats_by ORDER BY 1, 2, 3, 4`);
      // A rebuild truncates the summaries: the owner's to run, never the apps'.
      await sqlAt(process.env.DATABASE_MIGRATION_URL!, `SELECT recommendation_stats_rebuild()`);
      expect(await sql(`SELECT * FROM recommendation_stats_by ORDER BY 1, 2, 3, 4`)).toEqual(kept);
    });

    it('lists them by level with the same rule', async () => {
      const list = async (level: number) =>
        (
          await ok(
            get('viewer.leadership', '/api/recommendations', { communeId: commune, escalationLevel: level }),
          )
        ).items
          .map((i: Json) => i.id)
          .sort();
      expect(await list(2)).toEqual([ids.disputed, ids.overdue].sort());
      expect(await list(1)).toEqual([ids.level1]);
    });

    it('reports them in the quarter: two breached, two to the committee, one overdue now', async () => {
      const q = quarterAfter(previousQuarter(new Date()));
      const report = async (format: string) =>
        request(api.getHttpServer())
          .get('/api/reports/quarterly')
          .query({ year: q.year, quarter: q.quarter, districtId: district, format })
          .set(await authAs(api, 'viewer.leadership'))
          .buffer(true)
          .parse((r, done) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => done(null, Buffer.concat(chunks)));
          });
      const json = JSON.parse((await report('json')).body.toString());
      const figures = {
        newCount: 3,
        resolved: 2,
        resolvedOnTime: 2,
        breached: 2,
        escalated: 2,
        overdueNow: 1,
      };
      expect(json.summary).toMatchObject(figures);
      expect(json.units).toEqual([expect.objectContaining({ code: 'propaganda-board', ...figures })]);
      expect(json.overdueItems).toEqual([expect.objectContaining({ id: ids.overdue, escalationLevel: 2 })]);

      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await report('xlsx')).body);
      const summary = book.getWorksheet('Tổng hợp')!;
      const rows = Object.fromEntries(
        [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17].map((n) => [
          summary.getCell(`A${n}`).value,
          summary.getCell(`B${n}`).value,
        ]),
      );
      expect(rows).toMatchObject({
        'Kiến nghị mới': 3,
        'Đã giải quyết': 2,
        'Đúng hạn': 2,
        'Đúng hạn sau gia hạn': 0,
        'Trễ hạn': 0,
        'Quá hạn trong quý': 2,
        'Chuyển cấp 2 (Ban Thường vụ)': 2,
        'Đang quá hạn': 1,
      });
      const units = book.getWorksheet('Theo đơn vị')!;
      expect((units.getRow(2).values as unknown[]).slice(1)).toEqual([
        'Ban Tuyên giáo Tỉnh ủy',
        3,
        2,
        // On time, on time after an extension, late; the on-time rate; working days, median and mean.
        2,
        0,
        0,
        1,
        expect.any(Number),
        expect.any(Number),
        2,
        2,
        1,
        // None reopened.
        0,
      ]);
    });

    it('brings items projected before the rule to the same levels', async () => {
      // An item as the projection left it before: before the committee on a second dispute, level 0.
      const [row] = await sql<{ id: string }>(
        `INSERT INTO recommendations (id, workflow_id, title, situation, proposal, category_code, locality_unit_id,
           urgency, submitted_by, status, lead_unit_id, dispute_count, created_at, last_event_seq)
         SELECT gen_random_uuid(), 'old-' || gen_random_uuid(), 'Trước quy tắc', 'T', 'Đ', 'propaganda', $1,
                'normal', id, 'standing-committee-review', $2, 2, '2019-02-01T09:00:00+07:00', 1
           FROM users WHERE username = 'cadre.phongnam' RETURNING id`,
        [commune, await unitId('propaganda-board')],
      );
      await sql(
        `INSERT INTO recommendation_events (recommendation_id, seq, type, occurred_at, status_before, status_after, payload)
         VALUES ($1, 1, 'disputed-to-standing-committee', '2019-02-05T09:00:00+07:00', 'resolved',
                 'standing-committee-review', '{}')`,
        [row.id],
      );
      const level2 = async () =>
        (await ok(get('viewer.leadership', '/api/dashboard', { from: '2019-01-01', to: '2019-12-31' })))
          .totals.escalated.level2;
      expect(await level2()).toBe(0);
      // The migration again, as migrate runs it: as the owner.
      const owner = (text: string) => sqlAt(process.env.DATABASE_MIGRATION_URL!, text);
      await owner(`DROP INDEX "IDX_recommendation_events_to_committee"`);
      await new StandingCommitteeLevel1765300417293().up({
        query: owner,
      } as unknown as Parameters<StandingCommitteeLevel1765300417293['up']>[0]);
      expect(await level2()).toBe(1);
      const [after] = await sql(
        `SELECT escalation_level, max_escalation_level FROM recommendations WHERE id = $1`,
        [row.id],
      );
      expect(after).toEqual({ escalation_level: 2, max_escalation_level: 2 });
    });
  });

  describe('the timeline', () => {
    it('names who acted with their unit, and where a transfer sent the item', async () => {
      const commune = await http.addUnit({ kind: 'commune', parentId: await unitId('thanh-phu') });
      const ex = await examples();
      const { id } = await ok(
        http.submit('cadre.phongnam', {
          ...ex.propaganda,
          title: 'Chuyển nhầm đơn vị',
          localityUnitId: commune,
        }),
        201,
      );
      await ok(http.act('officer.propaganda', id, 'acknowledge', { note: 'Đã nhận, sẽ xem xét.' }));
      const organization = await unitId('organization-board');
      await ok(
        http.act('officer.propaganda', id, 'transfer', {
          toUnitId: organization,
          reason: 'Thuộc thẩm quyền Ban Tổ chức.',
        }),
      );
      const events = await timeline(id);
      const of = (type: string) => events.find((e) => e.type === type)!;
      expect(of('submitted')).toMatchObject({
        actorDisplayName: 'Cán bộ phụ trách xã Phong Nẫm',
        actorRole: 'cadre',
        toUnit: null,
      });
      expect(of('routed')).toMatchObject({
        actorDisplayName: null,
        toUnit: { id: await unitId('propaganda-board'), nameVi: 'Ban Tuyên giáo Tỉnh ủy' },
      });
      expect(of('acknowledged')).toMatchObject({
        actorDisplayName: 'Chuyên viên Ban Tuyên giáo Tỉnh ủy',
        actorUnit: { nameVi: 'Ban Tuyên giáo Tỉnh ủy', nameEn: expect.any(String) },
        reason: 'Đã nhận, sẽ xem xét.',
        toUnit: null,
      });
      expect(of('transferred')).toMatchObject({
        actorDisplayName: 'Chuyên viên Ban Tuyên giáo Tỉnh ủy',
        reason: 'Thuộc thẩm quyền Ban Tổ chức.',
        toUnit: { id: organization, nameVi: 'Ban Tổ chức Tỉnh ủy' },
      });

      // Its new deadlines come with working days left, counted on the calendar and the shortened clock.
      const before = scale.toVirtual(Date.now());
      const item = await ok(http.get('officer.organization', id));
      const after = scale.toVirtual(Date.now());
      const due = scale.toVirtual(Date.parse(item.resolutionDueAt));
      const left = item.workingDaysLeft.resolutionDueAt;
      expect([calendar.countdown(before, due), calendar.countdown(after, due)]).toContain(left);
      expect(left).toBeGreaterThan(0);
      const task = item.tasks.find((t: Json) => t.role === 'lead' && t.status === 'open');
      expect(task.workingDaysLeft.dueAt).toBe(left);
      const inbox = await ok(get('officer.organization', '/api/tasks'));
      expect(inbox.find((t: Json) => t.recommendation.id === id).workingDaysLeft.dueAt).toEqual(
        expect.any(Number),
      );
    });
  });
});
