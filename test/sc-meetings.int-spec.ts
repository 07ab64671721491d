import request from 'supertest';
import { useAppsOnOwnDatabase } from './support/apps';
import { shortClockEnv } from './support/clock';
import { examples } from './support/examples';
import { ownCadre, sql, unitId } from './support/fixtures';
import { authAs, client, eventually } from './support/http';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The Standing Committee's agenda on a clock where a day lasts two seconds, on a database of the file's own
 * (the proposal reads every item): an agenda is proposed from each of its four sources, edited and
 * reordered, frozen, ruled on; each ruling on an item is a directive in the item's timeline naming the
 * meeting's date, the items leave the next proposal, and the minutes list every ruling.
 */
describe("the Standing Committee's meetings", () => {
  const apps = useAppsOnOwnDatabase('scmeetings', { ...shortClockEnv(2), AGENDA_OVERDUE_WORKING_DAYS: '1' });
  let http: ReturnType<typeof client>;
  const send = async (
    method: 'get' | 'post' | 'patch' | 'put' | 'delete',
    path: string,
    as: string,
    body?: object,
  ) => {
    const req = request(apps.api.getHttpServer())
      [method](path)
      .set(await authAs(apps.api, as));
    return body === undefined ? req : req.send(body);
  };
  const ok = async (res: Promise<request.Response>, status = 200): Promise<Json> => {
    const done = await res;
    if (done.status !== status) throw new Error(`${done.status} ${JSON.stringify(done.body)}`);
    return done.body;
  };
  const submit = async (as: string, body: Json) => ok(http.submit(as, body), 201);
  const item = async (id: string) => ok(http.get('admin', id));
  const sourceOf = (lines: Json[], id: string) =>
    lines.find((l) => l.recommendationId === id || l.reportIssueId === id)?.source;

  /** A: before the committee; B: overdue at level 1; C: its cadre asks for a ruling; issue: flagged. */
  const ids = { a: '', b: '', c: '', issue: '' };
  let today: string;

  beforeAll(async () => {
    http = client(apps.api);
    const ex = await examples();
    ids.a = (await submit('cadre.phongnam', { ...ex.propaganda, urgency: 'urgent', title: 'Bị bỏ qua' })).id;
    const c = await submit('cadre.hoaloi', { ...ex.road26, title: 'Đường 26: xin Ban Thường vụ chỉ đạo' });
    ids.c = c.id;
    // Its lead unit acknowledges it, so it is late for nothing: only the ruling request brings it.
    await ok(http.act('head.thanhphu', ids.c, 'acknowledge', {}));
    const commune = await unitId('phong-nam');
    const cadre = (await sql<{ id: string }>(`SELECT id FROM users WHERE username = 'cadre.phongnam'`))[0].id;
    const [report] = await sql<{ id: string }>(
      `INSERT INTO cadre_reports (cadre_user_id, commune_unit_id, period_kind, period_start, period_end, due_at)
       VALUES ($1, $2, 'quarter', '2026-01-01', '2026-03-31', now()) RETURNING id`,
      [cadre, commune],
    );
    const organization = (
      await sql<{ id: string }>(`SELECT id FROM users WHERE username = 'head.organization'`)
    )[0];
    const [issue] = await sql<{ id: string }>(
      `INSERT INTO report_issues (report_id, category_code, text, flagged_for_agenda_at, flagged_by)
       VALUES ($1, 'propaganda', 'Người dân chưa nắm chủ trương sáp nhập ấp', now(), $2) RETURNING id`,
      [report.id, organization.id],
    );
    ids.issue = issue.id;
    today = (await ok(send('get', '/api/calendar/today', 'admin'))).today;
  });

  it('asking for a ruling: the lead head or the cadre in charge, on an open item, with a reason', async () => {
    // Another cadre of the commune sees the item but is not in charge of it; an officer is not a head.
    const other = await ownCadre('cadre.sc-hoaloi-2', 'hoa-loi');
    const refused = await http.act(other, ids.c, 'request-ruling', { reason: 'Vượt thẩm quyền' });
    expect([refused.status, refused.body.code]).toEqual([403, 'lifecycle.only-lead-head-or-cadre']);
    expect((await http.act('officer.thanhphu', ids.c, 'request-ruling', { reason: 'x' })).status).toBe(403);
    expect((await http.act('cadre.hoaloi', ids.c, 'request-ruling', { reason: ' ' })).status).toBe(400);
    const asked = await ok(
      http.act('cadre.hoaloi', ids.c, 'request-ruling', { reason: 'Vượt thẩm quyền của huyện' }),
    );
    expect(asked.status).toBe('in-progress');
    const events = await http.timeline(ids.c);
    expect(events.at(-1)).toMatchObject({ type: 'ruling-requested', reason: 'Vượt thẩm quyền của huyện' });
  });

  it('is kept by the committee and the Party Office only', async () => {
    const other = await send('post', '/api/sc-meetings', 'officer.organization', { date: today, title: 'X' });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('sc-meeting.secretariat-only');
    expect((await send('get', '/api/sc-meetings', 'cadre.hoaloi')).status).toBe(403);
    // The screens know the secretariat by its unit's code.
    expect((await ok(send('get', '/api/auth/me', 'officer.partyoffice'))).unitCode).toBe('party-office');
  });

  it('proposes, edits and freezes an agenda, records rulings, and applies them through the items', async () => {
    // B now: a normal item reaches level 1 after two working days and level 2 five later, so it is
    // proposed as overdue at level 1 from its fourth working day to its seventh.
    const wells = (await examples()).wells418;
    ids.b = (await submit('cadre.anthanh', { ...wells, title: 'Chưa xử lý: giếng khoan' })).id;
    // A first meeting only to watch the proposal until each source has its line.
    const probe = await ok(
      send('post', '/api/sc-meetings', 'officer.partyoffice', { date: today, title: 'Dò' }),
      201,
    );
    const proposal = async () =>
      (await ok(send('get', `/api/sc-meetings/${probe.id}/proposal`, 'officer.partyoffice')))
        .candidates as Json[];
    // On the probe's agenda from its start, or proposed since.
    const where = (c: Json[], id: string) => sourceOf(c, id) ?? sourceOf(probe.lines, id);
    const early = await proposal();
    expect(where(early, ids.c)).toBe('ruling-request');
    expect(where(early, ids.issue)).toBe('emerging-issue');
    await eventually(
      proposal,
      (c) => where(c, ids.a) === 'standing-committee-review' && where(c, ids.b) === 'overdue-level-1',
      40_000,
    );

    const meeting = await ok(
      send('post', '/api/sc-meetings', 'member.standing', { date: today, title: 'Phiên họp tháng 3' }),
      201,
    );
    const url = `/api/sc-meetings/${meeting.id}`;
    // The secretariat opens every item on its agenda, whichever unit holds it; other units' staff do not.
    for (const id of [ids.a, ids.b, ids.c])
      expect((await http.get('officer.partyoffice', id)).status).toBe(200);
    expect((await http.get('officer.propaganda', ids.c)).status).toBe(404);
    expect(sourceOf(meeting.lines, ids.a)).toBe('standing-committee-review');
    expect(sourceOf(meeting.lines, ids.b)).toBe('overdue-level-1');
    expect(sourceOf(meeting.lines, ids.c)).toBe('ruling-request');
    // The request's reason is the line's note, for the committee to read.
    expect((meeting.lines as Json[]).find((l) => l.recommendationId === ids.c)).toMatchObject({
      note: 'Vượt thẩm quyền của huyện',
    });
    expect(sourceOf(meeting.lines, ids.issue)).toBe('emerging-issue');

    // Edited: a note, the order reversed, a line removed and added back with its source.
    const lineOf = (m: Json, id: string) =>
      m.lines.find((l: Json) => l.recommendationId === id || l.reportIssueId === id);
    const noted = await ok(
      send('patch', `${url}/lines/${lineOf(meeting, ids.b).id}`, 'officer.partyoffice', {
        note: 'Mời Sở trình bày',
      }),
    );
    expect(lineOf(noted, ids.b).note).toBe('Mời Sở trình bày');
    const reversed = [...noted.lines].reverse().map((l: Json) => l.id);
    const reordered = await ok(send('put', `${url}/order`, 'officer.partyoffice', { lineIds: reversed }));
    expect(reordered.lines.map((l: Json) => l.id)).toEqual(reversed);
    expect(
      (await send('put', `${url}/order`, 'officer.partyoffice', { lineIds: reversed.slice(1) })).body.code,
    ).toBe('sc-meeting.order-mismatch');
    const removed = await ok(
      send('delete', `${url}/lines/${lineOf(noted, ids.c).id}`, 'officer.partyoffice'),
    );
    expect(lineOf(removed, ids.c)).toBeUndefined();
    expect(removed.lines.map((l: Json) => l.position)).toEqual(removed.lines.map((_: Json, i: number) => i));
    const back = await ok(
      send('post', `${url}/lines`, 'officer.partyoffice', { recommendationId: ids.c }),
      201,
    );
    expect(lineOf(back, ids.c)).toMatchObject({ source: 'ruling-request', position: back.lines.length - 1 });
    const twice = await send('post', `${url}/lines`, 'officer.partyoffice', { recommendationId: ids.c });
    expect([twice.status, twice.body.code]).toEqual([409, 'sc-meeting.line-exists']);

    // Rulings wait for the freeze; edits stop with it.
    const early409 = await send('post', `${url}/lines/${lineOf(back, ids.a).id}/ruling`, 'member.standing', {
      kind: 'close',
      text: 'x',
    });
    expect([early409.status, early409.body.code]).toEqual([409, 'sc-meeting.not-frozen']);
    const frozen = await ok(send('post', `${url}/freeze`, 'officer.partyoffice'));
    expect(frozen.status).toBe('frozen');
    // A retried freeze (its first answer lost) wakes the run again and changes nothing else.
    expect(await ok(send('post', `${url}/freeze`, 'officer.partyoffice'))).toEqual(frozen);
    const edit = await send('patch', `${url}/lines/${lineOf(back, ids.b).id}`, 'officer.partyoffice', {
      note: 'sau',
    });
    expect([edit.status, edit.body.code]).toEqual([409, 'sc-meeting.frozen']);
    expect((await send('put', `${url}/order`, 'officer.partyoffice', { lineIds: reversed })).status).toBe(
      409,
    );

    const rule = (id: string, body: Json) =>
      send('post', `${url}/lines/${lineOf(back, id).id}/ruling`, 'member.standing', body);
    const wrongKind = await rule(ids.issue, { kind: 'close', text: 'x' });
    expect([wrongKind.status, wrongKind.body.code]).toEqual([422, 'sc-meeting.ruling-kind']);
    expect((await rule(ids.b, { kind: 'new-deadline', text: 'Thiếu hạn' })).body.code).toBe(
      'lifecycle.deadline-required',
    );
    // A deadline already reached would send the item straight back up: refused on its field.
    const past = await rule(ids.b, { kind: 'new-deadline', dueDate: today, text: 'Hạn hôm nay' });
    expect([past.status, past.body.errors?.[0]?.field, past.body.code]).toEqual([
      422,
      'dueDate',
      'lifecycle.deadline-not-after-today',
    ]);
    const dot = await unitId('dot');
    await ok(rule(ids.a, { kind: 'close', text: 'Đã rõ, kết thúc kiến nghị' }));
    await ok(
      rule(ids.b, { kind: 'new-deadline', workingDays: 10, text: 'Sở hoàn thành trong 10 ngày làm việc' }),
    );
    await ok(
      rule(ids.c, { kind: 'new-lead-unit', leadUnitId: dot, text: 'Giao Sở Giao thông vận tải chủ trì' }),
    );
    await ok(rule(ids.issue, { kind: 'text', text: 'Ban Tuyên giáo tổ chức tuyên truyền' }));
    expect((await rule(ids.issue, { kind: 'text', text: 'lần hai' })).body.code).toBe(
      'sc-meeting.already-ruled',
    );

    // Each ruling on an item is its directive, in its timeline, naming the meeting's date.
    const dateLabel = `${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`;
    const expected = {
      a: 'directive-close',
      b: 'directive-new-deadline',
      c: 'directive-new-lead-unit',
    } as const;
    for (const key of ['a', 'b', 'c'] as const) {
      const events = await eventually(
        () => http.timeline(ids[key]),
        (ev) => ev.some((e) => e.type === expected[key]),
        20_000,
      );
      const directive = events.find((e) => e.type === expected[key])!;
      expect(directive.payload.meeting).toMatchObject({ id: meeting.id, date: today, dateLabel });
      expect(directive.actorUsername).toBe('member.standing');
    }
    expect(await item(ids.a)).toMatchObject({ status: 'closed' });
    expect(await item(ids.b)).toMatchObject({ status: 'in-progress', escalationLevel: 0 });
    expect((await item(ids.c)).leadUnitId).toBe(dot);

    // The minutes list every ruling with the directive it created.
    const minutes = await eventually(
      () => ok(send('get', `${url}/minutes`, 'officer.partyoffice')),
      (m) => m.rulings.every((r: Json) => r.appliedAt !== null),
      20_000,
    );
    expect(minutes.rulings).toHaveLength(4);
    for (const key of ['a', 'b', 'c'] as const)
      expect(minutes.rulings.find((r: Json) => r.recommendationId === ids[key])).toMatchObject({
        directiveType: expected[key],
      });
    expect(minutes.rulings.find((r: Json) => r.reportIssueId === ids.issue)).toMatchObject({
      rulingText: 'Ban Tuyên giáo tổ chức tuyên truyền',
      directiveType: null,
    });

    // Ruled on, they leave the next proposal; a closed item takes no request for a ruling.
    const after = await ok(
      send('post', '/api/sc-meetings', 'member.standing', { date: today, title: 'Sau' }),
      201,
    );
    for (const id of Object.values(ids)) expect(sourceOf(after.lines, id)).toBeUndefined();
    const closed = await http.act('cadre.phongnam', ids.a, 'request-ruling', { reason: 'Xin xem lại' });
    expect(closed.status).toBe(409);

    // Printed and exported.
    const page = await send('get', `${url}/agenda?format=html&lang=vi`, 'member.standing');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Phiên họp tháng 3');
    expect(page.text).toContain('Giao Sở Giao thông vận tải chủ trì');
    const xlsx = await send('get', `${url}/agenda?format=xlsx`, 'member.standing');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');

    // The run completes once every ruling is applied and its follow-up deadline has come.
    const done = await eventually(
      () => ok(send('get', url, 'member.standing')),
      (m) => m.status === 'done',
      150_000,
      1000,
    );
    expect(Date.parse(done.followUpAt)).toBeGreaterThan(Date.parse(done.frozenAt));
  }, 300_000);

  it('takes no ruling before the meeting day', async () => {
    const now = (await ok(send('get', '/api/calendar/today', 'admin'))).today as string;
    const later = new Date(Date.parse(`${now}T00:00:00Z`) + 365 * 86_400_000).toISOString().slice(0, 10);
    const meeting = await ok(
      send('post', '/api/sc-meetings', 'officer.partyoffice', { date: later, title: 'Sau' }),
      201,
    );
    const url = `/api/sc-meetings/${meeting.id}`;
    const added = meeting.lines.length
      ? meeting
      : await ok(send('post', `${url}/lines`, 'officer.partyoffice', { recommendationId: ids.b }), 201);
    await ok(send('post', `${url}/freeze`, 'officer.partyoffice'));
    const refused = await send('post', `${url}/lines/${added.lines[0].id}/ruling`, 'member.standing', {
      kind: 'text',
      text: 'x',
    });
    expect([refused.status, refused.body.code]).toEqual([409, 'sc-meeting.not-yet-held']);
  });
});
