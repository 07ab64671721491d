import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { useApps } from '../support/apps';
import { examples } from '../support/examples';
import { sql } from '../support/fixtures';
import { authAs, client, eventually } from '../support/http';

/** What a mailbox answers at RCPT TO: a final refusal, a "try later", or nothing wrong. */
const REFUSALS: Record<string, { code: number; text: string }> = {
  'officer.dpi@ngk.example': { code: 550, text: 'mailbox unavailable' },
  'officer.dot@ngk.example': { code: 451, text: 'mailbox busy, try again later' },
};

interface NotificationRow {
  id: string;
  username: string;
  email_status: string;
  email_error: string | null;
  email_attempts: number;
}

/**
 * A refused mailbox beside working ones, through a real SMTP server: a 550 is final and fails that email
 * alone, a 451 is retried up to the cap, and a claim left by a crashed sender becomes unknown.
 */
describe('hostile: refused mailboxes', () => {
  let api: INestApplication;
  let smtp: SMTPServer;
  /** Every RCPT TO the server was asked, by address, and every email it took, with its key. */
  const asked = new Map<string, number>();
  const delivered: { to: string; key: string }[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        asked.set(address.address, (asked.get(address.address) ?? 0) + 1);
        const refusal = REFUSALS[address.address];
        if (!refusal) return callback();
        const err = new Error(refusal.text) as Error & { responseCode: number };
        err.responseCode = refusal.code;
        callback(err);
      },
      onData(stream, session, callback) {
        let text = '';
        stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        stream.on('end', () => {
          const key = /^X-NGK-Notification: (\S+)/im.exec(text)?.[1] ?? '';
          for (const to of session.envelope.rcptTo) delivered.push({ to: to.address, key });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  });

  const apps = useApps({
    env: () => ({
      TEMPORAL_TASK_QUEUE: 'ngk-hostile-mail-test',
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      EMAIL_MAX_ATTEMPTS: '3',
    }),
  });

  beforeAll(() => {
    api = apps.api;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const rowsOf = (recommendationId: string, seq: number) =>
    sql<NotificationRow>(
      `SELECT n.id, u.username, n.email_status, n.email_error, n.email_attempts
         FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.recommendation_id = $1 AND n.event_seq = $2 ORDER BY u.username`,
      [recommendationId, seq],
    );

  /** The user's notifications as the API gives them. */
  const notificationsOf = async (username: string) =>
    (
      await request(api.getHttpServer())
        .get('/api/notifications')
        .set(await authAs(api, username))
        .expect(200)
    ).body.items as {
      id: string;
      recommendationId: string;
      emailStatus: string;
      emailError: string | null;
    }[];

  it('sends to a working mailbox beside a 550 one, fails the 550 for good, and caps the 451', async () => {
    const http = client(api);
    const submitted = await http.submit('cadre.hoaloi', {
      ...(await examples()).road26,
      title: 'Hộp thư từ chối: đường 26',
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    const [routed] = await sql<{ seq: number }>(
      `SELECT seq FROM recommendation_events WHERE recommendation_id = $1 AND type = 'routed'`,
      [id],
    );

    // The working mailbox gets its email, whatever the others answer.
    await eventually(
      async () =>
        delivered.filter((m) => m.to === 'officer.thanhphu@ngk.example' && m.key === `${id}/${routed.seq}`),
      (mails) => mails.length === 1,
      20_000,
    );

    // The 451 is tried three times (EMAIL_MAX_ATTEMPTS), then failed with the server's words.
    const settled = await eventually(
      () => rowsOf(id, routed.seq),
      (rows) => rows.every((r) => r.email_status !== 'pending' && r.email_status !== 'sending'),
      60_000,
    );
    const by = (username: string) => settled.find((r) => r.username === username)!;
    expect(by('officer.thanhphu')).toMatchObject({
      email_status: 'sent',
      email_error: null,
      email_attempts: 1,
    });
    expect(by('officer.dpi')).toMatchObject({ email_status: 'failed', email_attempts: 1 });
    expect(by('officer.dpi').email_error).toMatch(/^550\b.*mailbox unavailable/);
    expect(by('officer.dot')).toMatchObject({ email_status: 'failed', email_attempts: 3 });
    expect(by('officer.dot').email_error).toMatch(/^451\b.*try again later/);

    // The reader sees it: the notification says its email failed, and why.
    const dpi = (await notificationsOf('officer.dpi')).find((n) => n.recommendationId === id)!;
    expect(dpi).toMatchObject({ emailStatus: 'failed', emailError: expect.stringMatching(/^550/) });

    // The item's later email is not held up behind the refused ones.
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
      async () => delivered.filter((m) => m.to === 'cadre.hoaloi@ngk.example' && m.key.startsWith(`${id}/`)),
      (mails) => mails.length === 1,
      30_000,
    );

    // Nothing was tried again once settled: the 550 mailbox was asked once per email, the 451 one thrice.
    expect(await rowsOf(id, routed.seq)).toEqual(settled);
    const [refused] = await sql<{ dpi: number; dot: number }>(
      `SELECT count(*) FILTER (WHERE u.username = 'officer.dpi')::int AS dpi,
              count(*) FILTER (WHERE u.username = 'officer.dot')::int AS dot
         FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.recommendation_id = $1 AND n.email_status = 'failed'`,
      [id],
    );
    expect(refused.dpi).toBeGreaterThan(0);
    expect(asked.get('officer.dpi@ngk.example')).toBe(refused.dpi);
    expect(asked.get('officer.dot@ngk.example')).toBe(3 * refused.dot);
  });

  it('turns a claim left by a crashed sender into unknown, never resending it; a fresh claim is left alone', async () => {
    const http = client(api);
    const first = await http.submit('cadre.phule', {
      ...(await examples()).propaganda,
      title: 'Hộp thư: kẹt',
    });
    expect(first.status).toBe(201);
    const id = first.body.id as string;
    // Two claims on an email: one from a sender gone an hour ago, one being sent right now.
    const claims = await sql<{ id: string; event_seq: number }>(
      `INSERT INTO notifications (user_id, recommendation_id, event_seq, kind, title, body, email_status,
                                  email_attempts, email_claimed_at)
       SELECT submitted_by, id, seq, 'test', 'test', 'test', 'sending', 1, now() - make_interval(mins => ago)
         FROM recommendations, (VALUES (9001, 60), (9002, 1)) AS c(seq, ago) WHERE id = $1
       RETURNING id, event_seq`,
      [id],
    );
    const stale = claims.find((c) => c.event_seq === 9001)!.id;
    const fresh = claims.find((c) => c.event_seq === 9002)!.id;

    // Any send sweeps: the next item's routing email.
    const next = await http.submit('cadre.phule', {
      ...(await examples()).propaganda,
      title: 'Hộp thư: tiếp',
    });
    expect(next.status).toBe(201);
    await eventually(
      async () => (await notificationsOf('cadre.phule')).find((n) => n.id === stale)?.emailStatus,
      (status) => status === 'unknown',
      20_000,
    );
    const mine = await notificationsOf('cadre.phule');
    expect(mine.find((n) => n.id === stale)?.emailError).toMatch(/may not have arrived/);
    expect(mine.find((n) => n.id === fresh)?.emailStatus).toBe('sending');
    expect(delivered.filter((m) => m.key === `${id}/9001` || m.key === `${id}/9002`)).toEqual([]);
    await sql(`UPDATE notifications SET email_status = 'skipped' WHERE id = $1`, [fresh]);
  });
});
