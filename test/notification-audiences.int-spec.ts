import type { INestApplication } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { simpleParser } from 'mailparser';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { NOTIFICATION_DIGEST_SCHEDULE_ID } from '@ngk/temporal';
import { useApps } from './support/apps';
import { examples } from './support/examples';
import { sql, unitId } from './support/fixtures';
import { authAs, client, DEMO_PASSWORD } from './support/http';

interface Captured {
  to: string[];
  subject: string;
  text: string;
}

/**
 * Who hears of each step (libs/domain's notification rules) on the real workflow, the bell's ETag, and the
 * daily email digest run by its own workflow against a real SMTP server on this machine.
 */
describe('notification audiences, bell and digest', () => {
  let api: INestApplication;
  let smtp: SMTPServer;
  const mails: Captured[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            const to = (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a?.value ?? []);
            mails.push({
              to: to.map((a) => a.address ?? ''),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
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
      TEMPORAL_TASK_QUEUE: 'ngk-notification-audiences-test',
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    }),
  });

  beforeAll(() => {
    api = apps.api;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const ok = async (res: Promise<{ status: number; body: Record<string, unknown> }>, status = 200) => {
    const r = await res;
    if (r.status !== status)
      throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  /** "username kind" for each notification of the item, after the given event sequence. */
  const told = async (id: string, afterSeq = 0) =>
    (
      await sql<{ who: string }>(
        `SELECT u.username || ' ' || n.kind AS who FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE n.recommendation_id = $1 AND n.event_seq > $2 ORDER BY n.event_seq, u.username`,
        [id, afterSeq],
      )
    ).map((r) => r.who);
  const lastSeq = async (id: string) =>
    (
      await sql<{ seq: number }>(
        `SELECT max(seq)::int AS seq FROM recommendation_events WHERE recommendation_id = $1`,
        [id],
      )
    )[0].seq;

  it('tells each step to the people it concerns, never to the one who took it', async () => {
    const http = client(api);
    const item = await ok(
      http.submit('cadre.hoaloi', {
        ...(await examples()).road26,
        title: `Người nhận: ${randomUUID().slice(0, 6)}`,
      }),
      201,
    );
    const id = item.id as string;
    await ok(http.act('officer.thanhphu', id, 'acknowledge'));

    // A question goes to the cadre, the answer back to the lead unit.
    let seq = await lastSeq(id);
    await ok(http.act('officer.thanhphu', id, 'request-info', { question: 'Đoạn đường dài bao nhiêu mét?' }));
    expect(await told(id, seq)).toEqual(['cadre.hoaloi info-requested']);
    const cadreView = await request(api.getHttpServer())
      .get('/api/notifications')
      .set(await authAs(api, 'cadre.hoaloi'))
      .expect(200);
    expect(
      cadreView.body.items.find((n: { recommendationId: string }) => n.recommendationId === id),
    ).toMatchObject({
      kind: 'info-requested',
      itemTitle: item.title,
      // The item's reference number, shown beside it as everywhere else.
      reference: expect.stringMatching(/^KN-\d{4}-\d{6}$/),
      note: 'Đoạn đường dài bao nhiêu mét?',
      title: `Đơn vị đề nghị bổ sung thông tin: ${item.title}`,
    });
    seq = await lastSeq(id);
    await ok(http.act('cadre.hoaloi', id, 'provide-info', { answer: 'Khoảng 800 mét.' }));
    expect(await told(id, seq)).toEqual(['head.thanhphu info-provided', 'officer.thanhphu info-provided']);

    // An extension: the head decides, and the officer who asked hears the decision.
    seq = await lastSeq(id);
    await ok(
      http.act('officer.thanhphu', id, 'request-extension', { workingDays: 3, reason: 'Chờ khảo sát.' }),
    );
    expect(await told(id, seq)).toEqual(['head.thanhphu extension-requested']);
    seq = await lastSeq(id);
    await ok(http.act('head.thanhphu', id, 'decide-extension', { decision: 'approve' }));
    expect(await told(id, seq)).toEqual(['officer.thanhphu extension-approved']);

    // A first dispute goes to the lead unit, a second to the Standing Committee.
    const disputeRound = async (round: number) => {
      await ok(
        http.act('officer.thanhphu', id, 'resolve', { response: `Lần ${round}.`, outcome: 'referred' }),
      );
      const before = await lastSeq(id);
      await ok(
        http.act('cadre.hoaloi', id, 'feedback', { verdict: 'dispute', reason: `Chưa ổn (${round}).` }),
      );
      return told(id, before);
    };
    expect(await disputeRound(1)).toEqual(['head.thanhphu disputed', 'officer.thanhphu disputed']);
    expect(await disputeRound(2)).toEqual(['member.standing disputed-to-standing-committee']);

    // The directive hands it to the Transport department, whose officer transfers it back.
    seq = await lastSeq(id);
    await ok(
      http.act('member.standing', id, 'directive', {
        kind: 'new-lead-unit',
        reason: 'Giao Sở GTVT chủ trì.',
        leadUnitId: await unitId('dot'),
      }),
    );
    expect(await told(id, seq)).toContain('officer.dot directive-new-lead-unit');
    expect((await told(id, seq)).filter((w) => w.startsWith('member.standing'))).toEqual([]);
    seq = await lastSeq(id);
    await ok(
      http.act('officer.dot', id, 'transfer', {
        reason: 'Đường xã: về huyện.',
        toUnitId: await unitId('thanh-phu'),
      }),
    );
    expect(await told(id, seq)).toEqual(
      expect.arrayContaining([
        'head.thanhphu transferred-to-your-unit',
        'officer.thanhphu transferred-to-your-unit',
      ]),
    );
    expect((await told(id, seq)).filter((w) => w.startsWith('officer.dot'))).toEqual([]);

    // Every notification written has words in both languages, and nobody is told twice of one event.
    const doubles = await sql(
      `SELECT event_seq FROM notifications WHERE recommendation_id = $1 GROUP BY event_seq, user_id HAVING count(*) > 1`,
      [id],
    );
    expect(doubles).toEqual([]);
  });

  it('answers the bell with an ETag, 304 while nothing changed', async () => {
    const server = api.getHttpServer();
    const as = await authAs(api, 'officer.thanhphu');
    const first = await request(server).get('/api/notifications/unread-count').set(as).expect(200);
    expect(first.body).toEqual({ unreadCount: expect.any(Number), latestId: expect.any(String) });
    expect(first.headers.etag).toMatch(/^W\/"n\d+-\d+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await request(server)
      .get('/api/notifications/unread-count')
      .set({ ...as, 'If-None-Match': first.headers.etag })
      .expect(304);
    expect(again.text ?? '').toBe('');
    await request(server).post('/api/notifications/read-all').set(as).expect(204);
    const after = await request(server)
      .get('/api/notifications/unread-count')
      .set({ ...as, 'If-None-Match': first.headers.etag });
    expect(after.status).toBe(first.body.unreadCount === 0 ? 304 : 200);
    if (after.status === 200) {
      expect(after.body.unreadCount).toBe(0);
      expect(after.headers.etag).not.toBe(first.headers.etag);
    }
    // A new notification changes the tag again.
    const tag = (after.headers.etag as string | undefined) ?? first.headers.etag;
    const http = client(api);
    await ok(
      http.submit('cadre.hoaloi', {
        ...(await examples()).road26,
        title: `Chuông: ${randomUUID().slice(0, 6)}`,
      }),
      201,
    );
    const fresh = await request(server)
      .get('/api/notifications/unread-count')
      .set({ ...as, 'If-None-Match': tag })
      .expect(200);
    expect(fresh.body.unreadCount).toBe(1);
    await request(server).get('/api/notifications/unread-count').expect(401);
  });

  it('refuses a digest preference it does not know, naming the field', async () => {
    const server = api.getHttpServer();
    const as = await authAs(api, 'officer.dpi');
    const bad = await request(server)
      .patch('/api/notifications/preferences')
      .set(as)
      .send({ emailDigest: 'weekly' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('emailDigest must be one of: immediate, daily');
    const empty = await request(server).patch('/api/notifications/preferences').set(as).send({});
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('emailDigest');
    expect(
      (await request(server).get('/api/notifications/preferences').set(as).expect(200)).body,
    ).toMatchObject({ emailMuted: false, emailDigest: 'immediate' });
  });

  it('sends a daily digest once: one email per user with the notifications kept for it', async () => {
    const server = api.getHttpServer();
    const admin = await authAs(api, 'admin');
    const ex = await examples();
    const username = `cadre.digest-${randomUUID().slice(0, 6)}`;
    const address = `${username}@ngk.example`;
    const created = await request(server)
      .post('/api/users')
      .set(admin)
      .send({
        username,
        displayName: 'Cán bộ nhận bản tổng hợp',
        role: 'cadre',
        email: address,
        password: DEMO_PASSWORD,
      })
      .expect(201);
    await request(server)
      .post(`/api/users/${created.body.id}/assignments`)
      .set(admin)
      .send({ unitId: ex.road26.localityUnitId, decisionNo: '7/QĐ-UBND', validFrom: '2020-01-01' })
      .expect(201);
    const as = await authAs(api, username);
    const set = await request(server)
      .patch('/api/notifications/preferences')
      .set(as)
      .send({ emailDigest: 'daily' });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ emailMuted: false, emailDigest: 'daily', email: address });

    const http = client(api);
    const titles = [`Tổng hợp A ${randomUUID().slice(0, 4)}`, `Tổng hợp B ${randomUUID().slice(0, 4)}`];
    for (const title of titles) {
      const item = await ok(http.submit(username, { ...ex.road26, title }), 201);
      await ok(http.act('officer.thanhphu', item.id, 'acknowledge'));
      await ok(
        http.act('officer.thanhphu', item.id, 'resolve', { response: 'Đã xử lý.', outcome: 'implemented' }),
      );
    }
    const kept = await sql<{ email_status: string }>(
      `SELECT n.email_status FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = $1`,
      [username],
    );
    expect(kept.map((n) => n.email_status)).toEqual(['digest', 'digest']);
    // Nothing went at once.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(mails.filter((m) => m.to.includes(address))).toEqual([]);

    const temporal = apps.worker.get(Client);
    const run = () =>
      temporal.workflow.execute('notificationDigestWorkflow', {
        taskQueue: process.env.TEMPORAL_TASK_QUEUE!,
        workflowId: `notification-digest-test-${randomUUID()}`,
        args: [],
      });
    const first = (await run()) as { users: number; sent: number };
    expect(first.sent).toBeGreaterThanOrEqual(2);
    const mine = mails.filter((m) => m.to.includes(address));
    expect(mine).toHaveLength(1);
    expect(mine[0].subject).toBe('NGK: 2 thông báo mới');
    for (const title of titles) {
      expect(mine[0].text).toContain(`Kiến nghị đã có trả lời, đề nghị phản hồi: ${title}`);
    }
    // Run again: each notification was emailed once, so nothing goes.
    await run();
    expect(mails.filter((m) => m.to.includes(address))).toHaveLength(1);
    const after = await sql<{ email_status: string }>(
      `SELECT n.email_status FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = $1`,
      [username],
    );
    expect(after.map((n) => n.email_status)).toEqual(['sent', 'sent']);

    // The Schedule runs it at 07:30 in Việt Nam, which is 00:30 UTC.
    const described = await temporal.schedule.getHandle(NOTIFICATION_DIGEST_SCHEDULE_ID).describe();
    expect(described.info.nextActionTimes.length).toBeGreaterThan(0);
    for (const next of described.info.nextActionTimes) expect(next.toISOString()).toMatch(/T00:30:00\.000Z$/);
  });
});
