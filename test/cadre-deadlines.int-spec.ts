import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { useApps } from './support/apps';
import { shortClockEnv } from './support/clock';
import { examples } from './support/examples';
import { ownerSql, sql, unitId } from './support/fixtures';
import { authAs, client, eventually, refusedWithoutWrites } from './support/http';

/**
 * The cadre's side of the clock, on the real dev server with time shortened (a day lasts two seconds):
 * the deadline for answering the lead unit's question, and reopening a closed item within its window.
 * Items run on a policy of this file's own (its category, its routing rule): two working days to
 * answer, three calendar days to reopen, so the deadlines pass within a test.
 */
const DAY_SECONDS = 2;
const CATEGORY = 'cadre-clock-test';

/** Payloads are JSON written by the workflow; the tests read the fields they check. */
type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Event = { seq: number; type: string; statusAfter: string; occurredAt: string; payload: Payload };

describe("the cadre's deadlines: answering a question, reopening a closed item", () => {
  let api: INestApplication;
  let http: ReturnType<typeof client>;

  const apps = useApps({
    env: { TEMPORAL_TASK_QUEUE: 'ngk-cadre-clock-test', ...shortClockEnv(DAY_SECONDS) },
  });

  beforeAll(async () => {
    api = apps.api;
    http = client(api);
    await ownerSql(
      `INSERT INTO categories (code, name_vi, name_en) VALUES ($1, 'Thử hạn cán bộ', 'Cadre clock test')
       ON CONFLICT DO NOTHING`,
      [CATEGORY],
    );
    await ownerSql(
      `INSERT INTO sla_policies (code, category_code, urgency, acknowledge_days, coordination_days,
         resolution_days, feedback_days, verification_grace_days, escalation_grace_days, info_days, reopen_days)
       VALUES ($1, $1, 'normal', 3, 5, 20, 5, 5, 5, 2, 3) ON CONFLICT DO NOTHING`,
      [CATEGORY],
    );
    await ownerSql(
      `INSERT INTO routing_rules (code, category_code, lead_unit_id, sla_policy_code, priority)
       SELECT $1, $1, $2, $1, 100 WHERE NOT EXISTS (SELECT 1 FROM routing_rules WHERE code = $1)`,
      [CATEGORY, await unitId('propaganda-board')],
    );
  });

  const timeline = async (id: string) => (await http.timeline(id)) as Event[];
  const waitFor = (id: string, found: (events: Event[]) => boolean, timeoutMs = 40_000) =>
    eventually(() => timeline(id), found, timeoutMs);
  const item = async (as: string, id: string) => {
    const res = await http.get(as, id);
    expect(res.status).toBe(200);
    return res.body;
  };
  const ok = async (as: string, id: string, action: string, body: object = {}) => {
    const res = await http.act(as, id, action, body);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const submit = async (title: string) => {
    const res = await http.submit('cadre.phule', {
      ...(await examples()).propaganda,
      categoryCode: CATEGORY,
      title,
    });
    expect(res.status).toBe(201);
    expect(res.body.slaPolicyCode).toBe(CATEGORY);
    return res.body.id as string;
  };
  const notificationsOf = async (username: string, id: string) => {
    const res = await request(api.getHttpServer())
      .get('/api/notifications')
      .query({ limit: 100 })
      .set(await authAs(api, username));
    expect(res.status).toBe(200);
    return (res.body.items as Payload[]).filter((n) => n.recommendationId === id);
  };
  /** Acknowledged, resolved and accepted by the cadre: closed. */
  const resolveAndClose = async (id: string) => {
    await ok('officer.propaganda', id, 'resolve', { response: 'Đã xử lý.', outcome: 'implemented' });
    return ok('cadre.phule', id, 'feedback', { verdict: 'accept' });
  };

  it("the cadre's time to answer is on the event and in the inbox, reminded, and then the clock runs again", async () => {
    const id = await submit('Hạn cán bộ: không trả lời');
    await ok('officer.propaganda', id, 'acknowledge');
    const asked = await ok('officer.propaganda', id, 'request-info', { question: 'Số hộ cụ thể?' });
    expect(asked).toMatchObject({ status: 'awaiting-info' });
    expect(asked.infoDueAt).not.toBeNull();
    expect(asked.clockPausedAt).not.toBeNull();

    // The question's event and the timeline say when the cadre must answer by.
    const question = (await timeline(id)).find((e) => e.type === 'info-requested')!;
    expect(question.payload).toMatchObject({
      infoDueAt: new Date(asked.infoDueAt).toISOString(),
      infoWorkingDays: 2,
      clock: { paused: true },
    });
    // The cadre's inbox: the step, its deadline and the countdown in working days.
    const mine = await item('cadre.phule', id);
    expect(mine.waitingForYou).toMatchObject({ step: 'provide-info', dueAt: question.payload.infoDueAt });
    expect(mine.waitingForYou.workingDaysLeft.dueAt).toBeGreaterThanOrEqual(0);
    expect(mine.waitingForYou.workingDaysLeft.dueAt).toBeLessThanOrEqual(2);
    expect(mine.workingDaysLeft.infoDueAt).toBe(mine.waitingForYou.workingDaysLeft.dueAt);

    // Nobody answers: the cadre is reminded, then the deadline passes and the resolution clock resumes.
    const events = await waitFor(id, (ev) => ev.some((e) => e.type === 'info-deadline-passed'));
    const reminder = events.find((e) => e.type === 'reminder' && e.payload.clock === 'info');
    const passed = events.find((e) => e.type === 'info-deadline-passed')!;
    expect(reminder).toBeDefined();
    expect(reminder!.seq).toBeLessThan(passed.seq);
    expect(reminder!.payload.notify).toEqual([{ userId: mine.submittedBy }]);
    expect(Date.parse(passed.occurredAt)).toBeGreaterThanOrEqual(Date.parse(question.payload.infoDueAt));
    expect(passed.statusAfter).toBe('in-progress');
    expect(passed.payload.deadline).toMatchObject({
      workingDaysLeft: question.payload.clock.workingDaysLeft,
      reason: 'clock resumed',
    });
    const resumed = await item('officer.propaganda', id);
    expect(resumed).toMatchObject({ status: 'in-progress', clockPausedAt: null, infoDueAt: null });
    expect(resumed.resolutionDueAt).toBe(passed.payload.deadline.after);
    expect(resumed.allowedActions).toEqual(expect.arrayContaining(['resolve', 'request-info']));
    expect((await item('cadre.phule', id)).waitingForYou).toBeNull();

    // The cadre heard of the reminder; the lead unit and the cadre of the deadline.
    expect((await notificationsOf('cadre.phule', id)).map((n) => n.kind)).toEqual(
      expect.arrayContaining(['info-requested', 'reminder', 'info-deadline-passed']),
    );
    expect((await notificationsOf('officer.propaganda', id)).map((n) => n.kind)).toContain(
      'info-deadline-passed',
    );

    // The answer is too late for the question: the lead unit resolves without it.
    expect((await http.act('cadre.phule', id, 'provide-info', { answer: 'Muộn.' })).status).toBe(409);
    const resolved = await ok('officer.propaganda', id, 'resolve', {
      response: 'Trả lời theo thông tin đã có.',
      outcome: 'partly-accepted',
    });
    expect(resolved.status).toBe('resolved');
  });

  it('an answer before the deadline stops it and gives the clock back, as before', async () => {
    const id = await submit('Hạn cán bộ: trả lời kịp');
    await ok('officer.propaganda', id, 'acknowledge');
    await ok('officer.propaganda', id, 'request-info', { question: 'Địa chỉ cụ thể?' });
    const answered = await ok('cadre.phule', id, 'provide-info', { answer: 'Ấp 3.' });
    expect(answered).toMatchObject({ status: 'in-progress', clockPausedAt: null, infoDueAt: null });
    const event = (await timeline(id)).find((e) => e.type === 'info-provided')!;
    expect(event.payload.deadline).toMatchObject({ reason: 'clock resumed' });
    expect(event.payload.deadline.after).toBe(new Date(answered.resolutionDueAt).toISOString());
    // Past the deadline the answer came before: nothing more happens on the cadre's clock.
    await new Promise((r) => setTimeout(r, 4 * DAY_SECONDS * 1000));
    const types = (await timeline(id)).map((e) => e.type);
    expect(types).not.toContain('info-deadline-passed');
    expect((await timeline(id)).filter((e) => e.type === 'reminder' && e.payload.clock === 'info')).toEqual(
      [],
    );
  });

  it('the submitter reopens a closed item within its window: back to the last lead, counted, closed again', async () => {
    const id = await submit('Mở lại: trong thời hạn');
    await ok('officer.propaganda', id, 'acknowledge');
    const closed = await resolveAndClose(id);
    // Still "closed", with the window's end, and reopening offered to the submitter alone.
    expect(closed).toMatchObject({ status: 'closed', reopenedCount: 0, closedByDirective: false });
    expect(Date.parse(closed.reopenUntil)).toBeGreaterThan(Date.now());
    expect(closed.allowedActions).toEqual(['reopen']);
    expect((await item('officer.propaganda', id)).allowedActions).toEqual([]);
    // Another cadre who follows the commune sees the item, and may not reopen it; the unit's people may
    // not reopen at all (the route is the cadres'); a cadre who does not follow it does not see it.
    expect((await item('cadre.phongnam', id)).allowedActions).toEqual([]);
    const byOtherCadre = await refusedWithoutWrites({ recommendationId: id }, () =>
      http.act('cadre.phongnam', id, 'reopen', { reason: 'Không phải người gửi.' }),
    );
    expect(byOtherCadre.status).toBe(403);
    expect(byOtherCadre.body.code).toBe('lifecycle.only-submitter');
    const byOfficer = await http.act('officer.propaganda', id, 'reopen', { reason: 'Đơn vị chủ trì.' });
    expect(byOfficer.status).toBe(403);
    expect(byOfficer.body.code).toBe('auth.role-not-allowed');
    expect((await http.act('cadre.hoaloi', id, 'reopen', { reason: 'x' })).status).toBe(404);
    expect((await http.act('cadre.phule', id, 'reopen', { reason: ' ' })).status).toBe(400);

    const reopened = await ok('cadre.phule', id, 'reopen', { reason: 'Đường vẫn chưa sửa xong.' });
    const lead = await unitId('propaganda-board');
    expect(reopened).toMatchObject({
      status: 'routed',
      leadUnitId: lead,
      reopenedCount: 1,
      outcome: null,
      response: null,
      closedAt: null,
      reopenUntil: null,
    });
    expect(Date.parse(reopened.resolutionDueAt)).toBeGreaterThan(Date.now());
    expect(reopened.tasks.filter((t: Payload) => t.role === 'lead' && t.status === 'open')).toEqual([
      expect.objectContaining({ unitId: lead, dueAt: reopened.resolutionDueAt }),
    ]);
    const event = (await timeline(id)).at(-1)!;
    expect(event).toMatchObject({ type: 'reopened-after-closure', statusAfter: 'routed' });
    expect((await notificationsOf('officer.propaganda', id)).map((n) => n.kind)).toContain(
      'reopened-after-closure',
    );

    // The lead unit takes it up again, answers, and the cadre accepts: closed, with a new window.
    await ok('officer.propaganda', id, 'acknowledge');
    const again = await resolveAndClose(id);
    expect(again).toMatchObject({ status: 'closed', reopenedCount: 1 });
    expect(again.allowedActions).toEqual(['reopen']);
    const [row] = await sql<{ reopened_count: number; closed_at: Date | null }>(
      `SELECT reopened_count, closed_at FROM recommendations WHERE id = $1`,
      [id],
    );
    expect(row.reopened_count).toBe(1);
    expect(row.closed_at).not.toBeNull();
  });

  it('refuses a reopening once the window has passed, and the workflow ends then', async () => {
    const id = await submit('Mở lại: quá thời hạn');
    await ok('officer.propaganda', id, 'acknowledge');
    const closed = await resolveAndClose(id);
    // Three calendar days on the shortened clock, and a little more for the workflow's timer.
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(closed.reopenUntil) - Date.now()) + 1500));
    const late = await refusedWithoutWrites({ recommendationId: id }, () =>
      http.act('cadre.phule', id, 'reopen', { reason: 'Quá hạn rồi.' }),
    );
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      code: 'lifecycle.reopen-window-ended',
      status: 'closed',
      allowedActions: [],
    });
    expect((await item('cadre.phule', id)).allowedActions).toEqual([]);
    // The list no longer offers it to anyone: the submitter's row has no reopening date either.
    const rowOf = async (as: string) => {
      const res = await request(api.getHttpServer())
        .get('/api/recommendations')
        .query({ limit: 100 })
        .set(await authAs(api, as));
      expect(res.status).toBe(200);
      return (res.body.items as Payload[]).find((r) => r.id === id)!;
    };
    expect(await rowOf('cadre.phule')).toMatchObject({ status: 'closed', reopenUntil: null });
    expect(await rowOf('officer.propaganda')).toMatchObject({ status: 'closed', reopenUntil: null });
    await eventually(
      () => describeStatus(id),
      (status) => status === 'COMPLETED',
      10_000,
    );
  });

  it("refuses a reopening after the Standing Committee's close directive", async () => {
    const id = await submit('Mở lại: Ban Thường vụ đã kết luận');
    await ok('officer.propaganda', id, 'acknowledge');
    // Disputed twice: the Standing Committee rules, and closes it.
    for (let i = 0; i < 2; i++) {
      await ok('officer.propaganda', id, 'resolve', {
        response: `Trả lời ${i + 1}.`,
        outcome: 'implemented',
      });
      await ok('cadre.phule', id, 'feedback', { verdict: 'dispute', reason: 'Chưa thỏa đáng.' });
    }
    const closed = await ok('member.standing', id, 'directive', { kind: 'close', reason: 'Kết luận.' });
    expect(closed).toMatchObject({ status: 'closed', closedByDirective: true, reopenUntil: null });
    expect((await item('cadre.phule', id)).allowedActions).toEqual([]);
    const refused = await refusedWithoutWrites({ recommendationId: id }, () =>
      http.act('cadre.phule', id, 'reopen', { reason: 'Vẫn chưa đồng ý.' }),
    );
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'lifecycle.closed-by-directive', status: 'closed' });
  });
});

/** The item's workflow status in Temporal, through the API's own client. */
async function describeStatus(id: string): Promise<string> {
  const [{ workflow_id: workflowId }] = await sql<{ workflow_id: string }>(
    `SELECT workflow_id FROM recommendations WHERE id = $1`,
    [id],
  );
  const { Client, Connection } = await import('@temporalio/client');
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  try {
    const { status } = await new Client({ connection }).workflow.getHandle(workflowId).describe();
    return status.name;
  } finally {
    await connection.close();
  }
}
