import type { INestApplication } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { MailActivities } from '../activities/mail.activities';
import { localDate, TimeScale } from '../libs/domain/src';
import { useApps } from './support/apps';
import { shortClockEnv } from './support/clock';
import { examples } from './support/examples';
import { sql } from './support/fixtures';
import { authAs, client, eventually } from './support/http';

interface Captured {
  to: string[];
  subject: string;
  text: string;
  key: string;
}

/**
 * Notifications in-app and by email, through a real SMTP server on this machine. The clock runs one day in
 * three seconds from a Monday, so reminders and escalations arrive within seconds.
 */
describe('notifications', () => {
  let api: INestApplication;
  let smtp: SMTPServer;
  const mails: Captured[] = [];
  /** Recipients whose next delivery the SMTP server refuses once, to make the activity retry. */
  const refuseOnce = new Set<string>();

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (refuseOnce.delete(address.address)) {
          const err = new Error('mailbox busy, try again') as Error & { responseCode: number };
          err.responseCode = 451;
          return callback(err);
        }
        callback();
      },
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            const to = (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a?.value ?? []);
            mails.push({
              to: to.map((a) => a.address ?? ''),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              key: String(mail.headers.get('x-ngk-notification') ?? ''),
            });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  });

  const apps = useApps({
    env: () => ({
      TEMPORAL_TASK_QUEUE: 'ngk-notifications-test',
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      ...shortClockEnv(3),
    }),
  });

  beforeAll(() => {
    api = apps.api;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const mailsFor = (recommendationId: string, address: string) =>
    mails.filter((m) => m.key.startsWith(`${recommendationId}/`) && m.to.includes(address));

  it('tells each person once: routed to the unit, reminder, overdue, resolved; muted means in-app only', async () => {
    const http = client(api);
    // The head of Thạnh Phú reads NGK in the app only.
    const mute = await request(api.getHttpServer())
      .patch('/api/notifications/preferences')
      .set(await authAs(api, 'head.thanhphu'))
      .send({ emailMuted: true });
    expect(mute.status).toBe(200);
    // The Transport officer's mailbox refuses once: the activity retries and still sends one email.
    refuseOnce.add('officer.dot@ngk.example');

    const submitted = await http.submit('cadre.hoaloi', {
      ...(await examples()).road26,
      urgency: 'urgent',
      title: 'Thông báo: đường 26',
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;

    // Routed: the lead unit's officer and the coordinating units' officers get an email each.
    const routedTo = ['officer.thanhphu@ngk.example', 'officer.dpi@ngk.example', 'officer.dot@ngk.example'];
    await eventually(
      async () => routedTo.map((address) => mailsFor(id, address).length),
      (counts) => counts.every((n) => n >= 1),
      40_000,
    );
    for (const address of routedTo) {
      expect(
        mailsFor(id, address)
          .map((m) => m.subject)
          .slice(0, 1),
      ).toEqual(['Kiến nghị mới giao đơn vị: Thông báo: đường 26']);
    }
    expect(mailsFor(id, 'head.thanhphu@ngk.example')).toEqual([]);

    // Nobody acknowledges: a reminder, then level 1 to the head (muted) and the supervising body.
    await eventually(
      async () => mailsFor(id, 'head.ppc@ngk.example').length,
      (n) => n >= 1,
      40_000,
    );
    expect(mailsFor(id, 'head.ppc@ngk.example')[0].subject).toBe('Quá hạn xử lý: Thông báo: đường 26');
    expect(mailsFor(id, 'officer.thanhphu@ngk.example').map((m) => m.subject)).toContain(
      'Nhắc hạn xử lý: Thông báo: đường 26',
    );

    // The head still sees everything in the app.
    const head = await request(api.getHttpServer())
      .get('/api/notifications')
      .set(await authAs(api, 'head.thanhphu'));
    const mine = head.body.items.filter((n: { recommendationId: string }) => n.recommendationId === id);
    expect(mine.map((n: { kind: string }) => n.kind)).toEqual(
      expect.arrayContaining(['routed-to-your-unit', 'overdue']),
    );
    expect(mine.every((n: { emailStatus: string }) => n.emailStatus === 'skipped')).toBe(true);

    // Resolved: the cadre hears of it, and is asked for feedback.
    expect((await http.act('officer.thanhphu', id, 'acknowledge')).status).toBe(200);
    expect(
      (
        await http.act('officer.thanhphu', id, 'resolve', {
          response: 'Đã đưa vào kế hoạch.',
          outcome: 'implemented',
        })
      ).status,
    ).toBe(200);
    await eventually(
      async () => mailsFor(id, 'cadre.hoaloi@ngk.example').length,
      (n) => n === 1,
      40_000,
    );
    expect(mailsFor(id, 'cadre.hoaloi@ngk.example')[0].subject).toBe(
      'Kiến nghị đã có trả lời, đề nghị phản hồi: Thông báo: đường 26',
    );

    // Exactly once per event and recipient: in the database, in the mailbox, and after a retried send.
    const doubles = await sql(
      `SELECT event_seq, user_id FROM notifications WHERE recommendation_id = $1
        GROUP BY event_seq, user_id HAVING count(*) > 1`,
      [id],
    );
    expect(doubles).toEqual([]);
    const keys = mails.filter((m) => m.key.startsWith(`${id}/`)).map((m) => `${m.key} ${m.to.join()}`);
    expect(new Set(keys).size).toBe(keys.length);
    const mailer = apps.worker.get(MailActivities);
    const [routed] = await sql<{ seq: number }>(
      `SELECT seq FROM recommendation_events WHERE recommendation_id = $1 AND type = 'routed'`,
      [id],
    );
    expect(await mailer.sendNotificationEmails({ recommendationId: id, seq: routed.seq })).toEqual({
      sent: 0,
    });
    expect(
      mailsFor(id, 'officer.dot@ngk.example').filter((m) => m.subject.startsWith('Kiến nghị mới')),
    ).toHaveLength(1);
  });

  it('tells the Standing Committee of a level-2 escalation, and the cadre when verification falls due', async () => {
    const http = client(api);
    const ignored = await http.submit('cadre.phule', {
      ...(await examples()).propaganda,
      urgency: 'urgent',
      title: 'Thông báo: bị bỏ qua',
    });
    const planned = await http.submit('cadre.phule', {
      ...(await examples()).propaganda,
      title: 'Thông báo: có kế hoạch',
    });
    expect([ignored.status, planned.status]).toEqual([201, 201]);
    // The planned item: resolved with a plan date two days ahead on the shortened clock, then accepted.
    const scale = TimeScale.dayLasts(
      3,
      Date.parse(process.env.NGK_CLOCK_EPOCH!),
      Date.parse(process.env.NGK_CLOCK_START!),
    );
    const planDate = localDate(scale.toVirtual(Date.now()) + 2 * 86_400_000);
    const id = planned.body.id;
    expect((await http.act('officer.propaganda', id, 'acknowledge')).status).toBe(200);
    const resolved = await http.act('officer.propaganda', id, 'resolve', {
      response: 'Đưa vào kế hoạch năm.',
      outcome: 'planned',
      planDate,
      budgetYear: Number(planDate.slice(0, 4)),
    });
    expect(resolved.status).toBe(200);
    expect((await http.act('cadre.phule', id, 'feedback', { verdict: 'accept' })).status).toBe(200);

    // The propaganda board answers to the Standing Committee: its members hear of level 1, then of level 2.
    const level2 = 'Chuyển Ban Thường vụ cho ý kiến (cấp 2): Thông báo: bị bỏ qua';
    await eventually(
      async () => [
        mailsFor(ignored.body.id, 'member.standing@ngk.example').filter((m) => m.subject === level2).length,
        mailsFor(id, 'cadre.phule@ngk.example').filter((m) => m.subject.startsWith('Đến hạn kiểm tra'))
          .length,
      ],
      ([committee, verification]) => committee === 1 && verification === 1,
      60_000,
    );
    expect(mailsFor(ignored.body.id, 'member.standing@ngk.example').map((m) => m.subject)).toEqual([
      'Quá hạn xử lý: Thông báo: bị bỏ qua',
      level2,
    ]);
  });

  it("lists my notifications with an unread count; I can mark mine read, not another user's", async () => {
    const as = async (username: string) => authAs(api, username);
    const server = api.getHttpServer();
    const list = await request(server)
      .get('/api/notifications')
      .set(await as('officer.thanhphu'))
      .expect(200);
    expect(list.body.unreadCount).toBeGreaterThan(1);
    const first = list.body.items[0];
    await request(server)
      .post(`/api/notifications/${first.id}/read`)
      .set(await as('officer.dpi'))
      .expect(404);
    await request(server)
      .post(`/api/notifications/${first.id}/read`)
      .set(await as('officer.thanhphu'))
      .expect(204);
    const after = await request(server)
      .get('/api/notifications')
      .set(await as('officer.thanhphu'))
      .expect(200);
    expect(after.body.unreadCount).toBe(list.body.unreadCount - 1);
    const unread = await request(server)
      .get('/api/notifications')
      .query({ unread: 'true' })
      .set(await as('officer.thanhphu'))
      .expect(200);
    expect(unread.body.items.map((n: { id: string }) => n.id)).not.toContain(first.id);
    await request(server)
      .post('/api/notifications/read-all')
      .set(await as('officer.thanhphu'))
      .expect(204);
    expect(
      (
        await request(server)
          .get('/api/notifications')
          .set(await as('officer.thanhphu'))
          .expect(200)
      ).body.unreadCount,
    ).toBe(0);
    await request(server)
      .post('/api/notifications/abc/read')
      .set(await as('officer.thanhphu'))
      .expect(400);
    await request(server)
      .patch('/api/notifications/preferences')
      .set(await as('officer.thanhphu'))
      .send({ emailMuted: 'sometimes' })
      .expect(400);
  });
});
