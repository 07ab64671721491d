import type { INestApplication } from '@nestjs/common';
import { Client } from '@temporalio/client';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { cadreReportPeriodWorkflowId, CADRE_REPORT_PERIOD_WORKFLOW_TYPE } from '@ngk/definitions';
import { REPORT_NOTE_MAX } from '@ngk/domain';
import { CADRE_REPORT_SCHEDULE_ID } from '@ngk/temporal';
import { useAppsOnOwnDatabase } from './support/apps';
import { shortClockEnv } from './support/clock';
import { examples } from './support/examples';
import { sql } from './support/fixtures';
import { authAs, eventually } from './support/http';

/**
 * The cadre's periodic report on a shortened clock (the clock reads Monday 2 March 2026 08:00 when the
 * apps start): February's monthly period is due two working days after it ended, on Tuesday 3 March,
 * so its run reminds, flags the overdue and tells the Organization Board within seconds; the first
 * quarter's reports are due in April and stay open for drafting and submitting.
 */
const DAY_SECONDS = 6;
const MONTH = { periodKind: 'month', periodStart: '2026-02-01' } as const;
const QUARTER = { periodKind: 'quarter', periodStart: '2026-01-01' } as const;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("the cadre's periodic report", () => {
  const apps = useAppsOnOwnDatabase('cadre_reports', () => ({
    ...shortClockEnv(DAY_SECONDS),
    CADRE_REPORT_DUE_WORKING_DAYS: '2',
    CADRE_REPORT_REMINDER_DAYS: '1',
  }));
  let api: INestApplication;
  let temporal: Client;
  let monthReport: Json;
  let quarterReport: Json;

  const send = async (
    username: string,
    method: 'get' | 'put' | 'post' | 'delete',
    path: string,
    body?: object,
  ) =>
    request(api.getHttpServer())
      [method](path)
      .set(await authAs(api, username))
      .send(body);
  const get = async (username: string, path: string, query: object) =>
    request(api.getHttpServer())
      .get(path)
      .query(query)
      .set(await authAs(api, username));
  const ok = async (res: Promise<request.Response>, status = 200): Promise<Json> => {
    const done = await res;
    if (done.status !== status) throw new Error(`${done.status} ${JSON.stringify(done.body)}`);
    return done.body;
  };
  const startPeriod = (period: { periodKind: string; periodStart: string }, suffix = '') =>
    temporal.workflow.start(CADRE_REPORT_PERIOD_WORKFLOW_TYPE, {
      workflowId: `${cadreReportPeriodWorkflowId(period.periodKind as 'month', period.periodStart)}${suffix}`,
      taskQueue: apps.taskQueue,
      args: [period],
    });
  const notifications = async (username: string, kind: string) =>
    ((await ok(send(username, 'get', '/api/notifications?limit=100'))).items as Json[]).filter(
      (n) => n.kind === kind,
    );
  const mine = async (username: string, period: { periodKind: string; periodStart: string }) =>
    ((await ok(send(username, 'get', '/api/cadre-reports'))) as unknown as Json[]).filter(
      (r) => r.period.kind === period.periodKind && r.period.start === period.periodStart,
    );

  beforeAll(async () => {
    api = apps.api;
    temporal = apps.worker.get(Client);
    await startPeriod(MONTH);
    await startPeriod(QUARTER);
    [monthReport] = await eventually(
      () => mine('cadre.hoaloi', MONTH),
      (r) => r.length > 0,
    );
    [quarterReport] = await eventually(
      () => mine('cadre.hoaloi', QUARTER),
      (r) => r.length > 0,
    );
  });

  it('opens a period, reminds, goes overdue telling the Organization Board, and is submitted late', async () => {
    expect(monthReport).toMatchObject({ status: 'open', standing: 'open', waitingForYou: true });
    const reminders = await eventually(
      () => notifications('cadre.hoaloi', 'cadre-report-reminder'),
      (n) => n.length > 0,
    );
    expect(reminders[0]).toMatchObject({ cadreReportId: monthReport.id });
    const overdue = await eventually(
      async () => (await ok(send('cadre.hoaloi', 'get', `/api/cadre-reports/${monthReport.id}`))).standing,
      (s) => s === 'overdue',
      60_000,
    );
    expect(overdue).toBe('overdue');
    const told = await eventually(
      () => notifications('officer.organization', 'cadre-report-overdue'),
      (n) => n.some((x) => x.cadreReportId === monthReport.id),
    );
    expect(told.find((x) => x.cadreReportId === monthReport.id)!.title).toContain('quá hạn');
    // Staff of other units hear nothing of it.
    expect(await notifications('officer.propaganda', 'cadre-report-overdue')).toEqual([]);

    const late = await ok(send('cadre.hoaloi', 'post', `/api/cadre-reports/${monthReport.id}/submit`));
    expect(late).toMatchObject({ status: 'submitted', standing: 'late', late: true });
    expect(late.timeline.map((e: Json) => e.kind)).toEqual(['opened', 'overdue', 'submitted']);
  }, 90_000);

  it('has the Schedule that starts each period, made when the worker started', async () => {
    const schedule = await temporal.schedule.getHandle(CADRE_REPORT_SCHEDULE_ID).describe();
    expect(schedule.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: CADRE_REPORT_PERIOD_WORKFLOW_TYPE,
    });
    expect(schedule.spec.calendars?.[0]).toMatchObject({ dayOfMonth: [{ start: 1, end: 1, step: 1 }] });
  });

  it('runs a period again without opening or telling anything twice', async () => {
    await temporal.workflow.getHandle(cadreReportPeriodWorkflowId('month', MONTH.periodStart)).result();
    const count = async () =>
      (
        await sql<{ reports: number; notices: number }>(
          `SELECT (SELECT count(*)::int FROM cadre_reports WHERE period_kind = 'month') AS reports,
                  (SELECT count(*)::int FROM notifications WHERE cadre_report_id IS NOT NULL) AS notices`,
        )
      )[0];
    const before = await count();
    const again = await startPeriod(MONTH, '-again');
    expect(await again.result()).toMatchObject({ opened: 0 });
    expect(await count()).toEqual(before);
  }, 60_000);

  it('saves a draft, submits once, then refuses edits with 409; an amendment shows in the timeline', async () => {
    const path = `/api/cadre-reports/${quarterReport.id}`;
    const draft = {
      issues: [{ categoryCode: 'infrastructure', text: 'Đường liên ấp 3 sạt lở sau mưa lớn' }],
      fieldVisits: [{ date: '2026-02-10', place: 'Ấp 3', purpose: 'Nắm tình hình sạt lở' }],
      note: 'Tình hình ổn định, cần theo dõi sạt lở.',
    };
    const tooLong = await send('cadre.hoaloi', 'put', path, {
      ...draft,
      note: 'x'.repeat(REPORT_NOTE_MAX + 1),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0]).toMatchObject({ field: 'note', code: 'maxLength' });
    const outside = await send('cadre.hoaloi', 'put', path, {
      ...draft,
      fieldVisits: [{ date: '2026-05-10', place: 'Ấp 3' }],
    });
    expect(outside.status).toBe(422);
    expect(outside.body).toMatchObject({ code: 'cadre-report.visit-outside-period' });
    const unknown = await send('cadre.hoaloi', 'put', path, {
      ...draft,
      issues: [{ categoryCode: 'no-such-category', text: 'x' }],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'issues.0.categoryCode' });

    const saved = await ok(send('cadre.hoaloi', 'put', path, draft));
    expect(saved).toMatchObject({ status: 'draft', standing: 'draft', editable: true, note: draft.note });
    expect(saved.issues).toMatchObject([{ categoryCode: 'infrastructure', text: draft.issues[0].text }]);
    expect(saved.fieldVisits).toEqual(draft.fieldVisits);
    // Saved again with the issue's id, the issue is kept, not made anew.
    const again = await ok(
      send('cadre.hoaloi', 'put', path, {
        ...draft,
        issues: [{ ...draft.issues[0], id: saved.issues[0].id }],
      }),
    );
    expect(again.issues.map((i: Json) => i.id)).toEqual([saved.issues[0].id]);

    const submitted = await ok(send('cadre.hoaloi', 'post', `${path}/submit`));
    expect(submitted).toMatchObject({
      status: 'submitted',
      standing: 'on-time',
      late: false,
      editable: false,
    });
    const twice = await send('cadre.hoaloi', 'post', `${path}/submit`);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'cadre-report.already-submitted' });
    const edit = await send('cadre.hoaloi', 'put', path, draft);
    expect(edit.status).toBe(409);
    expect(edit.body).toMatchObject({ code: 'cadre-report.submitted' });

    const amended = await ok(
      send('cadre.hoaloi', 'post', `${path}/amendments`, { text: 'Đoạn sạt lở dài khoảng 40 m.' }),
      201,
    );
    expect(amended.timeline.map((e: Json) => e.kind)).toEqual(['opened', 'submitted', 'amended']);
    expect(amended.timeline[2]).toMatchObject({ text: 'Đoạn sạt lở dài khoảng 40 m.' });
    expect(amended.note).toBe(draft.note);
    quarterReport = amended;
  });

  it('keeps a report from other cadres and from staff outside the Organization Board', async () => {
    const path = `/api/cadre-reports/${quarterReport.id}`;
    const other = await send('cadre.anthanh', 'get', path);
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ code: 'cadre-report.not-found' });
    expect((await send('cadre.anthanh', 'put', path, { issues: [], fieldVisits: [] })).status).toBe(404);
    const outsider = await send('officer.propaganda', 'get', path);
    expect(outsider.status).toBe(403);
    expect(outsider.body).toMatchObject({ code: 'reports.organization-board-only' });
    expect((await send('officer.organization', 'get', path)).status).toBe(200);
  });

  it("gives the Organization Board who reported, issues by category, flags, and the period's export", async () => {
    const status = await ok(get('officer.organization', '/api/report-board/status', QUARTER));
    const own = status.communes.find((c: Json) => c.commune.id === quarterReport.commune.id);
    expect(own.reports.find((r: Json) => r.id === quarterReport.id)).toMatchObject({ standing: 'on-time' });
    expect(status.counts['on-time']).toBe(1);
    expect(status.counts.open).toBeGreaterThan(0);
    const refused = await get('officer.propaganda', '/api/report-board/status', QUARTER);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'reports.organization-board-only' });

    const issues = await ok(get('officer.organization', '/api/report-board/issues', QUARTER));
    expect(issues.categories).toMatchObject([
      { code: 'infrastructure', issues: [{ id: quarterReport.issues[0].id, cadreName: expect.any(String) }] },
    ]);
    const issueId = quarterReport.issues[0].id;
    const flagged = await ok(send('officer.organization', 'post', `/api/report-issues/${issueId}/flag`));
    expect(flagged.flaggedForAgendaAt).toEqual(expect.any(String));
    const unflagged = await ok(send('officer.organization', 'delete', `/api/report-issues/${issueId}/flag`));
    expect(unflagged.flaggedForAgendaAt).toBeNull();
    await ok(send('officer.organization', 'post', `/api/report-issues/${issueId}/flag`));
    const [row] = await sql<{ by: string }>(
      `SELECT u.username AS by FROM report_issues i JOIN users u ON u.id = i.flagged_by WHERE i.id = $1`,
      [issueId],
    );
    expect(row.by).toBe('officer.organization');

    const xlsx = await request(api.getHttpServer())
      .get('/api/report-board/export')
      .query({ ...QUARTER, format: 'xlsx' })
      .set(await authAs(api, 'officer.organization'))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Báo cáo', 'Vấn đề nổi lên']);
    const cells = (sheet: ExcelJS.Worksheet) =>
      sheet.getSheetValues().flatMap((r) => (Array.isArray(r) ? r.slice(1).map(String) : []));
    expect(cells(book.worksheets[0])).toEqual(expect.arrayContaining([quarterReport.cadre.name, 'Đúng hạn']));
    expect(cells(book.worksheets[1])).toEqual(expect.arrayContaining([quarterReport.issues[0].text, 'Có']));
    const html = await get('officer.organization', '/api/report-board/export', {
      ...QUARTER,
      format: 'html',
    });
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.text).toContain(quarterReport.issues[0].text);
  });

  it('turns an emerging issue into a recommendation in one step, and links it', async () => {
    const issueId = quarterReport.issues[0].id;
    const body = {
      ...(await examples()).propaganda,
      localityUnitId: quarterReport.commune.id,
      categoryCode: 'infrastructure',
      title: 'Khắc phục sạt lở đường liên ấp 3',
    };
    const stranger = await send('cadre.anthanh', 'post', '/api/recommendations', {
      ...body,
      fromIssueId: issueId,
    });
    expect(stranger.status).toBe(422);
    expect(stranger.body.errors[0]).toMatchObject({ field: 'fromIssueId', code: 'report-issue.not-found' });
    // Sent twice at once (a double tap): one item is made of the issue, the other refused having made none.
    const both = await Promise.all(
      [1, 2].map(() =>
        send('cadre.hoaloi', 'post', '/api/recommendations', { ...body, fromIssueId: issueId }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const item = both.find((r) => r.status === 201)!.body;
    const made = await sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM recommendations WHERE title = $1`,
      [body.title],
    );
    expect(made).toEqual([{ count: 1 }]);
    const report = await ok(send('cadre.hoaloi', 'get', `/api/cadre-reports/${quarterReport.id}`));
    // Raised today on the project's clock, within the report's quarter: listed among the period's items.
    expect((report.recommendations as Json[]).map((r) => r.id)).toContain(item.id);
    expect(report.issues[0]).toMatchObject({
      id: issueId,
      recommendationId: item.id,
      recommendationReference: item.reference,
    });
    const twice = await send('cadre.hoaloi', 'post', '/api/recommendations', {
      ...body,
      fromIssueId: issueId,
    });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'report-issue.already-linked' });
  }, 60_000);
});
