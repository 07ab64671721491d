import type { INestApplication } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { SlaActivities } from '../activities/sla.activities';
import { SlaRepository } from '../activities/sla.repository';
import { TimeScale, WorkingCalendar, localDate } from '../libs/domain/src';
import { vietnamDaysOfYear } from '../libs/domain/src/calendar/vietnam-holidays';
import { recommendationWorkflowId } from '../libs/temporal/src';
import request from 'supertest';
import { spawnWorker, useApps } from './support/apps';
import { CLOCK_START, shortClockEnv } from './support/clock';
import { examples } from './support/examples';
import { sql } from './support/fixtures';
import { authAs, client, eventually } from './support/http';

/**
 * SLA clocks on the real dev server, with time shortened: one day lasts one second, and the clock starts
 * on Monday 2 March 2026 (no holiday for weeks), so weekends still pass but Tết does not.
 */
const EPOCH = new Date().toISOString();
const scale = TimeScale.dayLasts(1, Date.parse(EPOCH), Date.parse(CLOCK_START));
const calendar = new WorkingCalendar({ daysOfYear: (year) => vietnamDaysOfYear(year, []) });
/** The local date the shortened clock shows at a real instant. */
const virtualDate = (iso: string) => localDate(scale.toVirtual(Date.parse(iso)));

/** Payloads are JSON written by the workflow; the tests read the fields they check. */
type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Event = {
  seq: number;
  type: string;
  reason: string | null;
  statusAfter: string;
  occurredAt: string;
  payload: Payload;
};
const level2Of = (events: Event[]) => events.find((e) => e.type === 'escalated' && e.payload.level === 2)!;
type Row = Payload;

describe('SLA clocks, reminders and the escalation ladder', () => {
  let api: INestApplication;
  let http: ReturnType<typeof client>;

  // A task queue of its own: this file stops its worker, and its clock runs fast.
  const apps = useApps({ env: { TEMPORAL_TASK_QUEUE: 'ngk-sla-test', ...shortClockEnv(1, EPOCH) } });

  beforeAll(() => {
    api = apps.api;
    http = client(api);
  });

  const timeline = async (id: string) => (await http.timeline(id)) as Event[];
  const waitFor = (id: string, found: (events: Event[]) => boolean, timeoutMs = 40_000) =>
    eventually(() => timeline(id), found, timeoutMs);
  const escalations = (events: Event[], level: number) =>
    events.filter((e) => e.type === 'escalated' && e.payload.level === level);
  const item = async (as: string, id: string) => {
    const res = await http.get(as, id);
    expect(res.status).toBe(200);
    return res.body;
  };
  const submit = async (as: string, body: Record<string, unknown>) => {
    const res = await http.submit(as, body);
    expect(res.status).toBe(201);
    return res.body;
  };

  it('an ignored item is reminded, escalates to level 1 then 2, and a directive resets its deadline', async () => {
    const urgent = { ...(await examples()).propaganda, urgency: 'urgent', title: 'SLA: bị bỏ qua' };
    const submitted = await submit('cadre.phule', urgent);
    const id = submitted.id;
    // Urgent: one working day to acknowledge, five to resolve, counted from the routing.
    expect(submitted.slaPolicyCode).toBe('default-urgent');
    expect(
      calendar.workingDaysLeft(
        scale.toVirtual(Date.now()),
        scale.toVirtual(Date.parse(submitted.acknowledgeDueAt)),
      ),
    ).toBeLessThanOrEqual(1);
    expect(Date.parse(submitted.resolutionDueAt)).toBeGreaterThan(Date.parse(submitted.acknowledgeDueAt));
    const lead = submitted.tasks.find((t: Row) => t.role === 'lead' && t.status === 'open');
    expect(lead.dueAt).toBe(submitted.resolutionDueAt);

    const events = await waitFor(id, (ev) => escalations(ev, 2).length > 0);
    const types = events.map((e) => e.type);
    const reminder = events.find((e) => e.type === 'reminder');
    const level1 = escalations(events, 1)[0];
    const level2 = escalations(events, 2)[0];
    expect(reminder?.payload.clock).toBe('acknowledge');
    expect(reminder!.seq).toBeLessThan(level1.seq);
    expect(level1.payload).toMatchObject({ clock: 'acknowledge', level: 1 });
    // Level 2 was due when the grace period ended, and came then, not before.
    expect(Date.parse(level2Of(events).occurredAt)).toBeGreaterThanOrEqual(
      Date.parse(level1.payload.level2At),
    );
    // Level 1 tells the lead unit's head and its supervising body (the Standing Committee for a party board).
    const [propaganda, committee] = await unitIds('propaganda-board', 'standing-committee');
    expect(level1.payload.notify).toEqual([{ unitId: propaganda, role: 'unit-head' }, { unitId: committee }]);
    expect(level2.seq).toBeGreaterThan(level1.seq);
    expect(level2.statusAfter).toBe('standing-committee-review');
    expect(level2.payload.missed).toEqual([{ clock: 'acknowledge', dueAt: level1.payload.dueAt }]);
    expect(types.filter((t) => t === 'escalated')).toHaveLength(2);

    const review = await item('member.standing', id);
    expect(review).toMatchObject({ status: 'standing-committee-review', overdue: true, escalationLevel: 2 });
    expect(review.allowedActions).toEqual(['directive']);
    expect(review.directiveDueAt).not.toBeNull();
    expect(review.tasks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'lead', status: 'cancelled' }),
        expect.objectContaining({ role: 'directive', status: 'open', dueAt: review.directiveDueAt }),
      ]),
    );
    const listed = await http.list({ escalationLevel: '2', overdue: 'true', limit: '100' });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((i: Row) => i.id)).toContain(id);
    expect((await http.list({ escalationLevel: '3' })).status).toBe(400);

    // The committee gives the lead unit three more working days: the ladder starts again from zero.
    const directive = await http.act('member.standing', id, 'directive', {
      kind: 'new-deadline',
      workingDays: 3,
      reason: 'Ban Tuyên giáo hoàn thành trong 3 ngày làm việc.',
    });
    expect(directive.status).toBe(200);
    const reset = await item('officer.propaganda', id);
    expect(reset).toMatchObject({ status: 'in-progress', overdue: false, escalationLevel: 0 });
    expect(Date.parse(reset.resolutionDueAt)).toBeGreaterThan(Date.now());
    const ruling = (await timeline(id)).find((e) => e.type === 'directive-new-deadline')!;
    expect(ruling.payload.deadline.after).toBe(new Date(reset.resolutionDueAt).toISOString());

    // Resolved, then the cadre stays silent: the feedback window closes as accepted.
    const resolved = await http.act('officer.propaganda', id, 'resolve', {
      response: 'Đã ban hành hướng dẫn.',
      outcome: 'implemented',
    });
    expect(resolved.status).toBe(200);
    expect((await item('cadre.phule', id)).feedbackDueAt).not.toBeNull();
    const closed = await waitFor(id, (ev) => ev.some((e) => e.type === 'accepted-by-silence'));
    expect(closed[closed.length - 1]).toMatchObject({ type: 'accepted-by-silence', statusAfter: 'closed' });
  });

  it('pauses the resolution clock while the unit waits for the cadre, and gives the time back', async () => {
    const body = { ...(await examples()).propaganda, title: 'SLA: tạm dừng đồng hồ' };
    const { id } = await submit('cadre.phule', body);
    expect((await http.act('officer.propaganda', id, 'acknowledge')).status).toBe(200);
    const running = await item('officer.propaganda', id);
    expect(running.clockPausedAt).toBeNull();

    expect(
      (await http.act('officer.propaganda', id, 'request-info', { question: 'Số hộ cụ thể?' })).status,
    ).toBe(200);
    const paused = await item('officer.propaganda', id);
    expect(paused.clockPausedAt).not.toBeNull();
    const asked = (await timeline(id)).find((e) => e.type === 'info-requested')!;
    const left = asked.payload.clock.workingDaysLeft;
    expect(left).toBeGreaterThan(10);
    expect(left).toBeLessThanOrEqual(15);

    // Three days pass on the shortened clock while the cadre looks for the answer.
    await new Promise((r) => setTimeout(r, 3000));
    expect((await http.act('cadre.phule', id, 'provide-info', { answer: '120 hộ.' })).status).toBe(200);
    const resumed = await item('officer.propaganda', id);
    expect(resumed.clockPausedAt).toBeNull();
    const answered = (await timeline(id)).find((e) => e.type === 'info-provided')!;
    expect(answered.payload.deadline).toMatchObject({ workingDaysLeft: left, reason: 'clock resumed' });
    // The deadline moved later by the pause, and still lies `left` working days after the answer.
    expect(answered.payload.deadline.after).toBe(new Date(resumed.resolutionDueAt).toISOString());
    expect(
      workingDaysBetweenDates(virtualDate(running.resolutionDueAt), virtualDate(resumed.resolutionDueAt)),
    ).toBeGreaterThanOrEqual(1);
  });

  it('an acknowledgement neither cancels nor starts a timer: the earlier one wakes the item, which waits on', async () => {
    const urgent = { ...(await examples()).propaganda, urgency: 'urgent', title: 'SLA: hẹn giờ giữ nguyên' };
    const { id } = await submit('cadre.phule', urgent);
    expect((await http.act('officer.propaganda', id, 'acknowledge')).status).toBe(200);
    const acknowledged = (await timeline(id)).find((e) => e.type === 'acknowledged')!;
    const handle = api.get(Client).workflow.getHandle(recommendationWorkflowId(id));
    /** The commands of the acknowledgement's workflow task, and what happened after it. */
    const afterAcknowledgement = async () => {
      const events = (await handle.fetchHistory()).events ?? [];
      const accepted = events.findIndex(
        (e) =>
          e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'acknowledge',
      );
      expect(accepted).toBeGreaterThan(0);
      const later = events.slice(accepted);
      const end = later.findIndex((e) => e.workflowTaskScheduledEventAttributes);
      return { task: end < 0 ? later : later.slice(0, end), later };
    };
    // Its acknowledgement deadline stopped, and the resolution deadline comes later: the wait stands.
    const { task } = await afterAcknowledgement();
    expect(task.filter((e) => e.timerStartedEventAttributes || e.timerCanceledEventAttributes)).toEqual([]);
    expect(task.some((e) => e.workflowExecutionUpdateCompletedEventAttributes)).toBe(true);

    // The resolution clock still reminds the lead unit on time, once the earlier timer has fired in vain.
    const events = await waitFor(id, (ev) =>
      ev.some((e) => e.type === 'reminder' && e.seq > acknowledged.seq),
    );
    const after = events.filter((e) => e.seq > acknowledged.seq);
    expect(after.map((e) => [e.type, e.payload.clock])).toEqual([['reminder', 'resolution']]);
    const resolution = await item('officer.propaganda', id);
    expect(resolution.resolutionDueAt).not.toBeNull();
    const { later } = await afterAcknowledgement();
    const fired = later.filter((e) => e.timerFiredEventAttributes);
    const started = later.filter((e) => e.timerStartedEventAttributes);
    // The kept timer fired first and armed the next; that one brought the reminder.
    expect(fired.length).toBeGreaterThanOrEqual(2);
    expect(started.length).toBeGreaterThanOrEqual(1);
    expect(Number(started[0].eventId)).toBeGreaterThan(Number(fired[0].eventId));
  });

  it('an extension is decided one level up: approval moves the deadline, refusal does not', async () => {
    const body = { ...(await examples()).road26, title: 'SLA: gia hạn' };
    const { id } = await submit('cadre.hoaloi', body);
    expect((await http.act('officer.thanhphu', id, 'acknowledge')).status).toBe(200);
    const before = await item('officer.thanhphu', id);
    // Coordinating units have their own, shorter deadline (5 working days against 20 to resolve).
    const coordinating = before.tasks.filter((t: Row) => t.role === 'coordinating');
    expect(coordinating).toHaveLength(2);
    for (const task of coordinating) {
      expect(Date.parse(task.dueAt)).toBeLessThan(Date.parse(before.resolutionDueAt));
    }

    const asked = await http.act('officer.thanhphu', id, 'request-extension', {
      workingDays: 5,
      reason: 'Chờ Sở Kế hoạch và Đầu tư bố trí vốn.',
    });
    expect(asked.status).toBe(200);
    expect(
      (await http.act('officer.thanhphu', id, 'request-extension', { workingDays: 2, reason: 'x' })).status,
    ).toBe(409);
    expect((await http.act('officer.thanhphu', id, 'decide-extension', { decision: 'approve' })).status).toBe(
      403,
    );
    // The head who decides is told, in the app (this file runs without a mail server).
    const told = await request(api.getHttpServer())
      .get('/api/notifications')
      .set(await authAs(api, 'head.thanhphu'));
    expect(told.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          recommendationId: id,
          kind: 'extension-requested',
          emailStatus: 'skipped',
        }),
      ]),
    );
    const open = await item('head.thanhphu', id);
    expect(open.allowedActions).toContain('decide-extension');
    expect(open.tasks).toEqual(
      expect.arrayContaining([expect.objectContaining({ role: 'extension', status: 'open' })]),
    );

    const approved = await http.act('head.thanhphu', id, 'decide-extension', { decision: 'approve' });
    expect(approved.status).toBe(200);
    const after = await item('officer.thanhphu', id);
    expect(after.extensionCount).toBe(1);
    expect(
      workingDaysBetweenDates(virtualDate(before.resolutionDueAt), virtualDate(after.resolutionDueAt)),
    ).toBe(5);
    const event = (await timeline(id)).find((e) => e.type === 'extension-approved')!;
    expect(event.payload.deadline).toMatchObject({
      workingDays: 5,
      before: new Date(before.resolutionDueAt).toISOString(),
      after: new Date(after.resolutionDueAt).toISOString(),
    });

    // The head asks in turn: the head cannot approve it, the supervising body's head decides.
    expect(
      (
        await http.act('head.thanhphu', id, 'request-extension', {
          workingDays: 3,
          reason: 'Mưa lớn kéo dài.',
        })
      ).status,
    ).toBe(200);
    expect((await http.act('head.thanhphu', id, 'decide-extension', { decision: 'approve' })).status).toBe(
      403,
    );
    const noReason = await http.act('head.ppc', id, 'decide-extension', { decision: 'refuse' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const refused = await http.act('head.ppc', id, 'decide-extension', {
      decision: 'refuse',
      reason: 'Thời hạn đã đủ để hoàn thành.',
    });
    expect(refused.status).toBe(200);
    const unchanged = await item('officer.thanhphu', id);
    expect(unchanged.resolutionDueAt).toBe(after.resolutionDueAt);
    expect(unchanged.extensionCount).toBe(1);
    expect((await timeline(id)).map((e) => e.type)).toEqual(
      expect.arrayContaining(['extension-requested', 'extension-approved', 'extension-refused']),
    );
  });

  it('a worker killed while timers are pending: once one is back, every timer fires once', async () => {
    // This file's worker gives way to one in its own process, which can be killed without warning.
    await apps.stopWorker();
    const child = await spawnWorker();
    const urgent = { ...(await examples()).propaganda, urgency: 'urgent' };
    const ids: string[] = [];
    try {
      for (let i = 0; i < 3; i++)
        ids.push((await submit('cadre.phule', { ...urgent, title: `SLA: worker ${i}` })).id);
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((resolve) => child.once('exit', resolve));
    const killedAt = new Date();
    // Past the acknowledgement deadline and into the grace period while no worker runs. On a loaded
    // machine the first item's deadline may pass before the kill; nothing may be written after it.
    await new Promise((r) => setTimeout(r, 3000));
    expect(
      await sql(
        `SELECT 1 FROM recommendation_events WHERE recommendation_id = ANY($1) AND recorded_at > $2`,
        [ids, killedAt],
      ),
    ).toEqual([]);
    await apps.restartWorker();

    for (const id of ids) {
      const events = await waitFor(id, (ev) => escalations(ev, 2).length > 0);
      expect(escalations(events, 1)).toHaveLength(1);
      expect(escalations(events, 2)).toHaveLength(1);
      expect(events.filter((e) => e.type === 'reminder' && e.payload.clock === 'acknowledge')).toHaveLength(
        1,
      );
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    }
  });

  it('a change of calendar or policy applies to deadlines computed after it, not before', async () => {
    // The activity itself on the real clock, with dates far from anything other tests use.
    const sla = new SlaActivities(apps.worker.get(SlaRepository), TimeScale.REAL);
    await sql(`INSERT INTO categories (code, name_vi, name_en) VALUES ('sla-test', 'Thử SLA', 'SLA test')
               ON CONFLICT DO NOTHING`);
    await sql(`INSERT INTO sla_policies (code, category_code, urgency, acknowledge_days, coordination_days,
                 resolution_days, feedback_days, verification_grace_days, escalation_grace_days)
               VALUES ('sla-test', 'sla-test', 'normal', 2, 5, 15, 5, 5, 5) ON CONFLICT DO NOTHING`);
    const policy = { policyCode: null, categoryCode: 'sla-test', urgency: 'normal' as const };
    const plan = () =>
      sla.planDeadlines({ policy, from: '2031-03-07T10:00:00+07:00', kinds: ['acknowledge'] });

    // Friday 7 March 2031 + 2 working days: Tuesday 11 March, 17:00.
    const first = await plan();
    expect(first.policyCode).toBe('sla-test');
    expect(first.deadlines.acknowledge!.dueAt).toBe('2031-03-11T10:00:00.000Z');
    await sql(
      `INSERT INTO calendar_overrides (date, kind, name) VALUES ('2031-03-10', 'holiday', 'Nghỉ thử')`,
    );
    try {
      expect((await plan()).deadlines.acknowledge!.dueAt).toBe('2031-03-12T10:00:00.000Z');
      await sql(`UPDATE sla_policies SET acknowledge_days = 3 WHERE code = 'sla-test'`);
      expect((await plan()).deadlines.acknowledge!.dueAt).toBe('2031-03-13T10:00:00.000Z');
    } finally {
      await sql(`DELETE FROM calendar_overrides WHERE date = '2031-03-10'`);
    }
    // The deadline computed before the changes is a value: it did not move.
    expect(first.deadlines.acknowledge!.dueAt).toBe('2031-03-11T10:00:00.000Z');
  });
});

/** Working days from one local date to a later one. */
function workingDaysBetweenDates(from: string, to: string): number {
  const calendarDays = new WorkingCalendar({ daysOfYear: (year) => vietnamDaysOfYear(year, []) });
  let n = 0;
  for (let d = from; d < to; d = calendarDays.nextWorkingDay(d)) n++;
  return n;
}

async function unitIds(...codes: string[]): Promise<string[]> {
  const rows = await sql<{ code: string; id: string }>('SELECT code, id FROM units WHERE code = ANY($1)', [
    codes,
  ]);
  return codes.map((c) => rows.find((r) => r.code === c)!.id);
}
