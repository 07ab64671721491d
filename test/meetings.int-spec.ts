import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ATTENDANCE_GRACE_DAYS } from '@ngk/domain';
import { useApps } from './support/apps';
import { shortClockEnv } from './support/clock';
import { ownCadre, sql } from './support/fixtures';
import { authAs, client, eventually } from './support/http';

/**
 * Meetings, attendance and each cadre's record, through HTTP on a shortened clock (a day lasts four
 * seconds from Monday 2 March 2026; every other meeting of the file is weeks ahead on that clock, so
 * only the one meant to pass does): the policy's meetings, a meeting that passes unrecorded and is
 * missed, and the record's figures over reports and items written for the file's own cadre.
 */
const DAY_SECONDS = 6;
/** Q1 2026, the quarter the clock runs in. */
const Q1 = { year: 2026, quarter: 1 };
const Q2 = { year: 2026, quarter: 2 };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('meetings, attendance and the cadre’s record', () => {
  let api: INestApplication;
  /** The file's own commune, and its cadre. */
  let commune: string;
  let cadreId: string;
  const CADRE = 'cadre.meetings-a';

  const apps = useApps({ worker: false, env: shortClockEnv(DAY_SECONDS) });

  const call = async (method: 'get' | 'post' | 'put', path: string, as: string, body?: object) =>
    request(api.getHttpServer())
      [method](path)
      .set(await authAs(api, as))
      .send(body);
  const record = async (as: string, query: Record<string, unknown> = Q1) =>
    request(api.getHttpServer())
      .get(`/api/cadre-records/${cadreId}`)
      .query(query)
      .set(await authAs(api, as));
  const mine = async () => (await call('get', `/api/meetings/mine?year=2026&quarter=1`, CADRE)).body as Json;
  const enter = async (heldOn: string, kind = 'commune-quarterly') =>
    call('post', '/api/meetings', CADRE, { kind, unitId: commune, heldOn, title: `Họp ${kind} ${heldOn}` });

  beforeAll(async () => {
    api = apps.api;
    const [{ parentId }] = await sql<{ parentId: string }>(
      `SELECT parent_id AS "parentId" FROM units WHERE code = 'hoa-loi'`,
    );
    commune = await client(api).addUnit({ kind: 'commune', parentId });
    const [{ code }] = await sql<{ code: string }>(`SELECT code FROM units WHERE id = $1`, [commune]);
    await ownCadre(CADRE, code);
    [{ id: cadreId }] = await sql<{ id: string }>(`SELECT id FROM users WHERE username = $1`, [CADRE]);
  });

  it('the policy’s meetings, generated twice, are made once; only the Organization Board generates them', async () => {
    const first = await call('post', '/api/meetings/generate', 'officer.organization', Q2);
    expect(first.status).toBe(201);
    const again = await call('post', '/api/meetings/generate', 'head.organization', Q2);
    expect(again.status).toBe(201);
    // Other files may add communes meanwhile: what the first run made, the second finds.
    expect(first.body.created).toBeGreaterThan(0);
    expect(again.body.existing).toBeGreaterThanOrEqual(first.body.created + first.body.existing);
    const rows = await sql(
      // The quarter generated here: other files generate theirs for every commune with a cadre too.
      `SELECT kind, held_on::text AS "heldOn", source FROM meetings
        WHERE unit_id = $1 AND held_on BETWEEN '2026-04-01' AND '2026-06-30' ORDER BY held_on`,
      [commune],
    );
    expect(rows).toEqual([
      { kind: 'commune-quarterly', heldOn: '2026-06-15', source: 'policy' },
      { kind: 'commune-six-month', heldOn: '2026-06-28', source: 'policy' },
    ]);

    const refused = await call('post', '/api/meetings/generate', 'officer.thanhphu', Q2);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('meetings.organization-board-only');
    const meetings = (await call('get', '/api/meetings/mine?year=2026&quarter=2', CADRE)).body.meetings;
    expect(meetings.find((m: Json) => m.unitId === commune)).toMatchObject({
      heldOn: '2026-06-15',
      outcome: 'pending',
      recordable: false,
    });
  });

  it('an absence needs a reason, a delegation a name; a meeting not yet held takes no attendance', async () => {
    const today = (await mine()).today as string;
    const entered = await enter(today, 'commune-six-month');
    expect(entered.status).toBe(201);
    const path = `/api/meetings/${entered.body.id}/attendance`;

    const noReason = await call('put', path, CADRE, { status: 'absent', reason: '  ' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors).toEqual([
      expect.objectContaining({ field: 'reason', code: 'attendance.reason-required' }),
    ]);
    const noName = await call('put', path, CADRE, { status: 'delegated' });
    expect(noName.status).toBe(422);
    expect(noName.body.errors[0].field).toBe('delegateName');
    expect(await sql(`SELECT 1 FROM meeting_attendance WHERE meeting_id = $1`, [entered.body.id])).toEqual(
      [],
    );

    // Another cadre, not assigned the commune: the meeting is not theirs to see.
    expect((await call('put', path, 'cadre.hoaloi', { status: 'attended' })).status).toBe(404);
    const absent = await call('put', path, CADRE, {
      status: 'absent',
      reason: 'Đi công tác huyện',
      note: 'Đã báo',
    });
    expect(absent.status).toBe(200);
    expect(absent.body).toMatchObject({ outcome: 'absent', reason: 'Đi công tác huyện', note: 'Đã báo' });

    const twice = await enter(today, 'commune-six-month');
    expect([twice.status, twice.body.code]).toEqual([409, 'meeting.exists']);
    const ahead = await enter('2026-03-20', 'commune-year-end');
    expect(ahead.status).toBe(201);
    const early = await call('put', `/api/meetings/${ahead.body.id}/attendance`, CADRE, {
      status: 'attended',
    });
    expect([early.status, early.body.code]).toEqual([409, 'meeting.not-yet-held']);
    // Other communes are not the cadre's to enter.
    const other = await call('post', '/api/meetings', 'cadre.hoaloi', {
      kind: 'commune-quarterly',
      unitId: commune,
      heldOn: '2026-03-10',
      title: 'Họp',
    });
    expect([other.status, other.body.code]).toEqual([403, 'meeting.commune-not-assigned']);
  });

  it('the Standing Committee’s meetings with localities are recorded by the Committee or the Party Office', async () => {
    const meeting = (heldOn: string) => ({
      kind: 'sc-locality-quarterly',
      unitId: commune,
      heldOn,
      title: 'Ban Thường vụ làm việc với xã',
    });
    const bySc = await call('post', '/api/meetings', 'member.standing', meeting('2026-03-25'));
    expect(bySc.status).toBe(201);
    expect(bySc.body).toMatchObject({ kind: 'sc-locality-quarterly', source: 'entered' });
    expect((await call('post', '/api/meetings', 'officer.partyoffice', meeting('2026-03-26'))).status).toBe(
      201,
    );
    for (const username of ['officer.thanhphu', CADRE]) {
      const refused = await call('post', '/api/meetings', username, meeting('2026-03-27'));
      expect([username, refused.status, refused.body.code]).toEqual([
        username,
        403,
        'meeting.standing-committee-only',
      ]);
    }
    // The cadre of the commune is expected there as at the commune's own meetings.
    expect((await mine()).meetings.map((m: Json) => m.id)).toContain(bySc.body.id);
  });

  it('a meeting whose day passes unrecorded is missed, in the record and in the Organization Board’s view', async () => {
    const { today } = await mine();
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const entered = await enter(tomorrow);
    expect(entered.status).toBe(201);
    expect((await mine()).meetings.find((m: Json) => m.id === entered.body.id).outcome).toBe('pending');

    const missed = await eventually(
      async () => (await record(CADRE)).body as Json,
      (r) => r.meetings?.missed === 1,
      // Its day, then ATTENDANCE_GRACE_DAYS to record it, then missed.
      (ATTENDANCE_GRACE_DAYS + 8) * DAY_SECONDS * 1000,
    );
    expect(missed.meetingLines.find((m: Json) => m.heldOn === tomorrow).outcome).toBe('missed');
    expect((await mine()).waiting).toBeGreaterThanOrEqual(1);

    const view = await call(
      'get',
      `/api/meetings/overview?year=2026&quarter=1&unitId=${commune}`,
      'officer.organization',
    );
    expect(view.status).toBe(200);
    const line = view.body.units.find((u: Json) => u.unitId === commune);
    const meeting = line.meetings.find((m: Json) => m.id === entered.body.id);
    expect(meeting.attendance).toEqual([
      expect.objectContaining({ cadreUsername: CADRE, outcome: 'missed' }),
    ]);
    expect(line.counts.missed).toBe(1);
    expect((await call('get', '/api/meetings/overview?year=2026', 'officer.thanhphu')).status).toBe(403);
  });

  it('the record counts reports, field visits and items as libs/domain defines them', async () => {
    const report = (
      kind: string,
      start: string,
      end: string,
      due: string,
      submitted: string | null,
      visits: number,
      overdue = false,
    ) =>
      sql(
        // An overdue report was flagged at its deadline by its period's run.
        `INSERT INTO cadre_reports (cadre_user_id, commune_unit_id, period_kind, period_start, period_end, due_at,
           status, field_visits, submitted_at, overdue_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $10 THEN $6::timestamptz END)`,
        [
          cadreId,
          commune,
          kind,
          start,
          end,
          due,
          submitted ? 'submitted' : 'open',
          JSON.stringify(Array.from({ length: visits }, (_, i) => ({ place: `Ấp ${i + 1}` }))),
          submitted,
          overdue,
        ],
      );
    await report(
      'quarter',
      '2026-01-01',
      '2026-03-31',
      '2026-01-10T17:00:00+07:00',
      '2026-01-09T09:00:00+07:00',
      2,
    );
    await report(
      'month',
      '2026-01-01',
      '2026-01-31',
      '2026-02-05T17:00:00+07:00',
      '2026-02-06T09:00:00+07:00',
      1,
    );
    await report('month', '2026-02-01', '2026-02-28', '2026-02-20T17:00:00+07:00', null, 4, true);
    await report('month', '2026-03-01', '2026-03-31', '2026-04-10T17:00:00+07:00', null, 0);
    await report(
      'month',
      '2026-04-01',
      '2026-04-30',
      '2026-05-10T17:00:00+07:00',
      '2026-05-01T09:00:00+07:00',
      3,
    );

    const item = async (
      created: string,
      resolved: string | null,
      outcome: string | null,
      days: number | null,
      verified?: string,
    ) => {
      const id = randomUUID();
      await sql(
        `INSERT INTO recommendations (id, workflow_id, title, situation, proposal, category_code, locality_unit_id,
           urgency, submitted_by, status, created_at, resolved_at, outcome, resolve_working_days)
         VALUES ($1, $2, 'Kiến nghị hồ sơ', 'Tình hình', 'Đề xuất', 'infrastructure', $3, 'normal', $4, $5, $6, $7, $8, $9)`,
        [
          id,
          `record-${id}`,
          commune,
          cadreId,
          resolved ? 'closed' : 'in-progress',
          created,
          resolved,
          outcome,
          days,
        ],
      );
      if (verified)
        await sql(
          `INSERT INTO recommendation_events (recommendation_id, seq, type, occurred_at, status_after)
           VALUES ($1, 1, 'verified', $2, 'closed')`,
          [id, verified],
        );
    };
    await item('2026-01-05T09:00:00+07:00', '2026-01-20T09:00:00+07:00', 'implemented', 4);
    await item(
      '2026-01-06T09:00:00+07:00',
      '2026-02-03T09:00:00+07:00',
      'planned',
      9,
      '2026-03-01T09:00:00+07:00',
    );
    await item('2026-01-07T09:00:00+07:00', '2026-02-10T09:00:00+07:00', 'not-accepted', 6);
    await item('2025-12-20T09:00:00+07:00', '2026-01-15T09:00:00+07:00', 'partly-accepted', 12);
    await item('2026-02-15T09:00:00+07:00', null, null, null);
    await item('2026-04-15T09:00:00+07:00', '2026-05-15T09:00:00+07:00', 'implemented', 2);

    const quarter = (await record(CADRE)).body as Json;
    expect(quarter.reports).toEqual({ onTime: 1, late: 1, overdue: 1, open: 1, fieldVisits: 3 });
    expect(quarter.recommendations).toEqual({
      raised: 4,
      accepted: 3,
      implemented: 1,
      verified: 1,
      resolveWorkingDays: { count: 4, median: 7.5, mean: 7.8 },
    });
    const year = (await record('member.standing', { year: 2026 })).body as Json;
    expect(year.reports).toMatchObject({ onTime: 2, fieldVisits: 6 });
    expect(year.recommendations).toMatchObject({
      raised: 5,
      implemented: 2,
      resolveWorkingDays: { count: 5, median: 6 },
    });
  });

  it('is read by the cadre, the Organization Board and the Standing Committee; another cadre gets 404', async () => {
    expect((await record(CADRE)).status).toBe(200);
    expect((await record('head.organization')).status).toBe(200);
    expect((await record('member.standing')).status).toBe(200);
    const other = await record('cadre.hoaloi');
    expect([other.status, other.body.code]).toEqual([404, 'cadre-record.not-found']);
    const staff = await record('officer.thanhphu');
    expect([staff.status, staff.body.code]).toEqual([403, 'cadre-record.organization-board-only']);
    const listed = await call('get', '/api/cadre-records', CADRE);
    expect(listed.body).toEqual([expect.objectContaining({ id: cadreId, username: CADRE })]);
    const all = await call('get', '/api/cadre-records', 'officer.organization');
    expect(all.body.map((c: Json) => c.username)).toEqual(expect.arrayContaining([CADRE, 'cadre.hoaloi']));
  });

  it('exports the record as a workbook that reads back, and as a printable page that marks missed meetings', async () => {
    const xlsx = await request(api.getHttpServer())
      .get(`/api/cadre-records/${cadreId}`)
      .query({ ...Q1, format: 'xlsx' })
      .set(await authAs(api, 'officer.organization'))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body);
    const figures = new Map<string, unknown>();
    book
      .getWorksheet('Tổng hợp')!
      .eachRow((row) => figures.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(figures.get('Báo cáo đúng hạn')).toBe(1);
    expect(figures.get('Cuộc họp không ghi nhận')).toBe(1);
    expect(figures.get('Kiến nghị đã gửi')).toBe(4);
    expect(book.getWorksheet('Cuộc họp')!.rowCount).toBeGreaterThanOrEqual(4);

    const page = await record('member.standing', { ...Q1, format: 'html', lang: 'en' });
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('Meetings missed (nothing recorded)');
    expect(page.text).toMatch(/<tr class="missed">/);
  });
});
