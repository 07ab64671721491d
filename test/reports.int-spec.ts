import type { INestApplication } from '@nestjs/common';
import { Client } from '@temporalio/client';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { previousQuarter } from '@ngk/domain';
import { DEFAULT_TASK_QUEUE, QUARTERLY_REPORT_SCHEDULE_ID } from '@ngk/temporal';
import { useApps } from './support/apps';
import { sql, unitId } from './support/fixtures';
import { authAs, client, eventually } from './support/http';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The quarterly report over a district and a unit of its own, with items of 2018 written to the read
 * model and the event log: every figure is known in advance.
 */
describe('quarterly report', () => {
  const apps = useApps();
  let api: INestApplication;
  let district: string;
  let lead: string;
  let overdueId: string;

  const get = async (username: string, query: Record<string, unknown>, status = 200) => {
    const res = await request(api.getHttpServer())
      .get('/api/reports/quarterly')
      .query(query)
      .set(await authAs(api, username))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.body}`);
    return res;
  };
  const json = async (query: Record<string, unknown>, username = 'viewer.leadership') =>
    JSON.parse((await get(username, query)).body.toString()) as Json;

  beforeAll(async () => {
    api = apps.api;
    const addUnit = client(api).addUnit;
    const province = await unitId('ben-tre');
    district = await addUnit({ kind: 'district', parentId: province });
    const commune = await addUnit({ kind: 'commune', parentId: district });
    lead = await addUnit({ kind: 'department', parentId: province });
    const [cadre] = await sql<{ id: string }>(`SELECT id FROM users WHERE username = 'cadre.hoaloi'`);
    const item = async (f: {
      title: string;
      category: string;
      created: string;
      status: string;
      lead?: string | null;
      resolved?: string;
      onTime?: boolean;
      closed?: string;
      overdue?: boolean;
      level?: number;
      due?: string;
    }) => {
      const id = randomUUID();
      await sql(
        `INSERT INTO recommendations (id, workflow_id, title, situation, proposal, category_code, locality_unit_id,
           urgency, submitted_by, status, lead_unit_id, created_at, resolved_at, resolved_on_time, closed_at, overdue,
           escalation_level, max_escalation_level, resolution_due_at)
         VALUES ($1, $2, $3, 'Tình hình', 'Đề xuất', $4, $5, 'normal', $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15)`,
        [
          id,
          `report-${id}`,
          f.title,
          f.category,
          commune,
          cadre.id,
          f.status,
          f.lead === undefined ? lead : f.lead,
          f.created,
          f.resolved ?? null,
          f.onTime ?? null,
          f.closed ?? null,
          f.overdue ?? false,
          f.level ?? 0,
          f.due ?? null,
        ],
      );
      return id;
    };
    const base = { category: 'infrastructure' };
    await item({ ...base, title: 'Q1: đường cũ', created: '2018-02-10T09:00:00+07:00', status: 'closed' });
    const reopenedId = await item({
      ...base,
      title: 'Xong trong hạn',
      created: '2018-04-02T09:00:00+07:00',
      status: 'closed',
      resolved: '2018-04-20T09:00:00+07:00',
      onTime: true,
      closed: '2018-04-25T09:00:00+07:00',
    });
    await item({
      ...base,
      title: 'Xong sau hạn',
      created: '2018-04-03T09:00:00+07:00',
      status: 'resolved',
      resolved: '2018-06-30T23:30:00+07:00',
      onTime: false,
    });
    overdueId = await item({
      ...base,
      title: 'Cống <b>418</b> & giếng',
      created: '2018-05-02T09:00:00+07:00',
      status: 'standing-committee-review',
      overdue: true,
      level: 2,
      due: '2018-05-20T10:00:00Z',
    });
    // Submitted after the quarter: not in it.
    await item({ ...base, title: 'Quý sau', created: '2018-07-01T00:30:00+07:00', status: 'routed' });
    await item({
      category: 'social',
      title: 'Chưa phân công',
      created: '2018-06-01T09:00:00+07:00',
      status: 'triage',
      lead: null,
    });
    // Level 1 leaves the item with its unit; level 2 takes it to the Standing Committee.
    let seq = 1;
    for (const [level, at, statusAfter] of [
      [1, '2018-05-25T09:00:00+07:00', 'in-progress'],
      [2, '2018-06-05T09:00:00+07:00', 'standing-committee-review'],
    ] as const) {
      await sql(
        `INSERT INTO recommendation_events (recommendation_id, seq, type, occurred_at, status_before, status_after, payload)
         VALUES ($1, $2, 'escalated', $3, 'in-progress', $4, $5)`,
        [overdueId, seq++, at, statusAfter, JSON.stringify({ level })],
      );
    }
    // Reopened twice in the quarter (counted once) and again after it (not in this quarter's count).
    seq = 1;
    for (const at of [
      '2018-05-02T09:00:00+07:00',
      '2018-06-10T09:00:00+07:00',
      '2018-07-05T09:00:00+07:00',
    ]) {
      await sql(
        `INSERT INTO recommendation_events (recommendation_id, seq, type, occurred_at, status_before, status_after, payload)
         VALUES ($1, $2, 'reopened-after-closure', $3, 'closed', 'routed', '{}')`,
        [reopenedId, seq++, at],
      );
    }
  });

  it('reports the quarter of a district in the agreed format', async () => {
    const r = await json({ year: 2018, quarter: 2, districtId: district });
    expect(r).toMatchObject({ year: 2018, quarter: 2, from: '2018-04-01', to: '2018-06-30' });
    expect(r.scope).toMatchObject({ kind: 'district', unitId: district });
    expect(r.summary).toEqual({
      newCount: 4,
      resolved: 2,
      resolvedOnTime: 1,
      onTimeRate: 0.5,
      // Rows written without the KPI columns: on time by the deadline in force, no extension.
      timeliness: { onTime: 1, onTimeAfterExtension: 0, late: 1 },
      resolveWorkingDays: { count: 0, median: null, mean: null },
      closed: 1,
      breached: 1,
      escalated: 1,
      overdueNow: 1,
      reopened: 1,
    });
    expect(r.emergingIssues).toEqual([
      expect.objectContaining({ categoryCode: 'infrastructure', count: 3, previousCount: 1, change: 2 }),
      expect.objectContaining({ categoryCode: 'social', count: 1, previousCount: 0, change: 1 }),
    ]);
    expect(r.units).toEqual([
      expect.objectContaining({
        unitId: lead,
        newCount: 3,
        resolved: 2,
        resolvedOnTime: 1,
        onTimeRate: 0.5,
        breached: 1,
        escalated: 1,
        overdueNow: 1,
        reopened: 1,
      }),
      expect.objectContaining({
        unitId: null,
        nameVi: 'Chưa phân công',
        newCount: 1,
        onTimeRate: null,
        reopened: 0,
      }),
    ]);
    expect(r.overdueItems).toEqual([
      expect.objectContaining({
        id: overdueId,
        // Numbered at insertion, in the year of submission.
        reference: expect.stringMatching(/^KN-2018-\d{6}$/),
        escalationLevel: 2,
        resolutionDueAt: '2018-05-20T10:00:00.000Z',
      }),
    ]);
  });

  it('reports one lead unit, and a quarter with nothing in it', async () => {
    const r = await json({ year: 2018, quarter: 2, unitId: lead });
    expect(r.summary).toMatchObject({ newCount: 3, resolved: 2, escalated: 1 });
    expect(r.units).toHaveLength(1);
    const empty = await json({ year: 2017, quarter: 3, districtId: district });
    expect(empty.summary).toMatchObject({ newCount: 0, resolved: 0, onTimeRate: null });
    expect(empty.units).toEqual([]);
  });

  it('writes the same figures to an XLSX, cell by cell', async () => {
    const res = await get('viewer.leadership', {
      year: 2018,
      quarter: 2,
      districtId: district,
      format: 'xlsx',
    });
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('bao-cao-quy-2-2018.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body);
    // ExcelJS numbers cells from 1 and leaves index 0 of row.values empty.
    const cells = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Vấn đề nổi lên',
      'Theo đơn vị',
      'Còn quá hạn',
    ]);
    const summary = book.getWorksheet('Tổng hợp')!;
    expect(summary.getCell('A1').value).toBe('Báo cáo tình hình giải quyết kiến nghị quý 2/2018');
    expect(summary.getCell('B2').value).toBe('01/04/2018 – 30/06/2018');
    const rows = Object.fromEntries(
      [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18].map((n) => [
        summary.getCell(`A${n}`).value,
        summary.getCell(`B${n}`).value,
      ]),
    );
    expect(rows).toEqual({
      'Kiến nghị mới': 4,
      'Đã giải quyết': 2,
      'Đúng hạn': 1,
      'Đúng hạn sau gia hạn': 0,
      'Trễ hạn': 1,
      'Tỷ lệ trong hạn (kể cả gia hạn)': 0.5,
      'Thời gian giải quyết, trung vị (ngày làm việc)': null,
      'Thời gian giải quyết, trung bình (ngày làm việc)': null,
      'Đã đóng': 1,
      'Quá hạn trong quý': 1,
      'Chuyển cấp 2 (Ban Thường vụ)': 1,
      'Đang quá hạn': 1,
      'Mở lại trong quý': 1,
    });
    expect(summary.getCell('B11').numFmt).toBe('0.0%');
    const emerging = book.getWorksheet('Vấn đề nổi lên')!;
    expect(cells(emerging, 1)).toEqual(['Lĩnh vực', 'Huyện', 'Số kiến nghị', 'Quý trước', 'Tăng']);
    expect(cells(emerging, 2)).toEqual([
      'Hạ tầng, giao thông',
      expect.stringContaining('Đơn vị district-'),
      3,
      1,
      2,
    ]);
    const units = book.getWorksheet('Theo đơn vị')!;
    // Unit, new, resolved, on time, on time after extension, late, rate, median and mean working days,
    // breached, escalated, overdue now, reopened.
    expect(cells(units, 2)).toEqual([
      expect.stringContaining('Đơn vị department-'),
      3,
      2,
      1,
      0,
      1,
      0.5,
      undefined,
      undefined,
      1,
      1,
      1,
      1,
    ]);
    expect(units.getCell('G2').numFmt).toBe('0.0%');
    // No rate without a resolved item: the cell is left empty.
    expect(cells(units, 3)).toEqual([
      'Chưa phân công',
      1,
      0,
      0,
      0,
      0,
      undefined,
      undefined,
      undefined,
      0,
      0,
      0,
      0,
    ]);
    const overdue = book.getWorksheet('Còn quá hạn')!;
    expect(cells(overdue, 2)).toEqual([
      expect.stringMatching(/^KN-2018-\d{6}$/),
      'Cống <b>418</b> & giếng',
      expect.stringContaining('Đơn vị department-'),
      expect.stringContaining('Đơn vị commune-'),
      '20/05/2018 17:00',
      2,
    ]);
    expect(overdue.rowCount).toBe(2);
  });

  it('prints as a page, in English on request, with item titles escaped', async () => {
    const res = await get('viewer.leadership', {
      year: 2018,
      quarter: 2,
      districtId: district,
      format: 'html',
      lang: 'en',
    });
    expect(res.headers['content-type']).toContain('text/html');
    const page = res.body.toString();
    expect(page).toContain('<title>Recommendations report, Q2 2018</title>');
    expect(page).toContain('@page { size: A4');
    expect(page).toContain('<td>Within the deadline (extensions included)</td><td>50%</td>');
    expect(page).toContain('<td>On time after extension</td><td>0</td>');
    expect(page).toContain('<td>Late</td><td>1</td>');
    expect(page).toContain('<td>Reopened during the quarter</td><td>1</td>');
    expect(page).toContain('Cống &lt;b&gt;418&lt;/b&gt; &amp; giếng');
    expect(page).not.toContain('<script');
  });

  it('refuses what a caller may not see, and names the field of a bad request', async () => {
    await get('cadre.hoaloi', { year: 2018, quarter: 2 }, 403);
    await get('head.dard', { year: 2018, quarter: 2 }, 200);
    await get('head.dard', { year: 2018, quarter: 2, unitId: lead }, 403);
    const field = async (query: Record<string, unknown>, status: number, name: string) => {
      const body = JSON.parse((await get('viewer.leadership', query, status)).body.toString());
      expect(body.errors).toEqual([expect.objectContaining({ field: name })]);
    };
    await field({ year: 2018, quarter: 5 }, 400, 'quarter');
    await field({ year: 'last', quarter: 1 }, 400, 'year');
    await field({ quarter: 1 }, 400, 'year');
    await field({ year: 2018, quarter: 1, format: 'pdf' }, 400, 'format');
    await field({ year: 2018, quarter: 1, unitId: lead, districtId: district }, 400, 'districtId');
    await field({ year: 2018, quarter: 1, districtId: lead }, 422, 'districtId');
    await field({ year: 2018, quarter: 1, unitId: randomUUID() }, 422, 'unitId');
  });

  it('a Temporal Schedule makes each quarter’s report and tells leadership', async () => {
    const client = apps.worker.get(Client);
    const handle = client.schedule.getHandle(QUARTERLY_REPORT_SCHEDULE_ID);
    const described = await handle.describe();
    // 07:00 in Việt Nam on the first day of a quarter is 00:00 UTC.
    for (const next of described.info.nextActionTimes) {
      expect(next.toISOString()).toMatch(/^\d{4}-(01|04|07|10)-01T00:00:00\.000Z$/);
    }
    expect(described.info.nextActionTimes.length).toBeGreaterThan(0);

    const q = previousQuarter(new Date());
    await sql(
      `DELETE FROM notifications WHERE report_id IN (SELECT id FROM quarterly_reports WHERE year = $1 AND quarter = $2)`,
      [q.year, q.quarter],
    );
    await sql(`DELETE FROM quarterly_reports WHERE year = $1 AND quarter = $2`, [q.year, q.quarter]);
    // Tests on other task queues start workers too; the first one made the schedule. Point its action at
    // this file's worker before running it now.
    await handle.update((schedule) => ({
      ...schedule,
      action: { ...schedule.action, taskQueue: DEFAULT_TASK_QUEUE } as typeof schedule.action,
    }));
    await handle.trigger();
    const [report] = await eventually(
      () =>
        sql<{ id: string; content: Json }>(
          `SELECT id, content FROM quarterly_reports WHERE year = $1 AND quarter = $2`,
          [q.year, q.quarter],
        ),
      (rows) => rows.length === 1,
      60_000,
    );
    expect(report.content).toMatchObject({ year: q.year, quarter: q.quarter, scope: { kind: 'province' } });
    const notes = await request(api.getHttpServer())
      .get('/api/notifications')
      .set(await authAs(api, 'viewer.leadership'))
      .expect(200);
    expect(notes.body.items).toContainEqual(
      expect.objectContaining({ kind: 'quarterly-report', reportId: report.id, recommendationId: null }),
    );
    const audience = await sql<{ role: string }>(
      `SELECT DISTINCT u.role FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.report_id = $1`,
      [report.id],
    );
    expect(audience.map((a) => a.role).sort()).toEqual(['leadership-viewer', 'standing-committee']);
  });
});
