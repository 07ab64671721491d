import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import { returning } from '@ngk/persistence';

/** The SMTP transport (nodemailer), or null when no SMTP_URL is configured: email is then skipped. */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
export const MAIL_FROM = Symbol('MAIL_FROM');

interface PendingEmail {
  id: string;
  email: string;
  displayName: string;
  title: string;
  body: string;
  recommendationId: string;
  eventSeq: number;
}

/**
 * Email for the notifications of one event. Each row is claimed before it is sent and marked after, so a
 * retried activity sends only what is still pending: never twice for the same event and recipient.
 */
@Injectable()
export class MailActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MAIL_TRANSPORT) private readonly transport: Transporter | null,
    @Inject(MAIL_FROM) private readonly from: string,
  ) {}

  async sendNotificationEmails(event: { recommendationId: string; seq: number }): Promise<{ sent: number }> {
    if (!this.transport) {
      await this.dataSource.query(
        `UPDATE notifications SET email_status = 'skipped'
          WHERE recommendation_id = $1 AND event_seq = $2 AND email_status = 'pending'`,
        [event.recommendationId, event.seq],
      );
      return { sent: 0 };
    }
    const pending: PendingEmail[] = await this.dataSource.query(
      `SELECT n.id, u.email, u.display_name AS "displayName", n.title, n.body,
              n.recommendation_id AS "recommendationId", n.event_seq AS "eventSeq"
         FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.recommendation_id = $1 AND n.event_seq = $2 AND n.email_status = 'pending'
        ORDER BY n.id`,
      [event.recommendationId, event.seq],
    );
    let sent = 0;
    for (const mail of pending) {
      const claimed = await returning(
        this.dataSource,
        `UPDATE notifications SET email_status = 'sending' WHERE id = $1 AND email_status = 'pending' RETURNING id`,
        [mail.id],
      );
      if (claimed.length === 0) continue;
      try {
        await this.transport.sendMail({
          from: this.from,
          to: { name: mail.displayName, address: mail.email },
          subject: mail.title,
          text: `${mail.body}\n\nMã kiến nghị: ${mail.recommendationId}`,
          headers: { 'X-NGK-Notification': `${mail.recommendationId}/${mail.eventSeq}` },
        });
      } catch (err) {
        // Not sent: give the row back so the retry sends it.
        await this.dataSource.query(`UPDATE notifications SET email_status = 'pending' WHERE id = $1`, [
          mail.id,
        ]);
        throw err;
      }
      await this.dataSource.query(
        `UPDATE notifications SET email_status = 'sent', emailed_at = now() WHERE id = $1`,
        [mail.id],
      );
      sent++;
    }
    return { sent };
  }

  /**
   * The morning digest: one email per user who chose it, listing the notifications kept for it since the
   * last digest. Each user's rows are claimed together before the email goes, and marked sent after, so a
   * retried run neither sends a notification twice nor a second digest to the same user.
   */
  async sendDailyDigests(): Promise<{ users: number; sent: number }> {
    if (!this.transport) {
      await this.dataSource.query(
        `UPDATE notifications SET email_status = 'skipped' WHERE email_status = 'digest'`,
      );
      return { users: 0, sent: 0 };
    }
    // Muted since the notification came: no email, as for immediate ones.
    await this.dataSource.query(
      `UPDATE notifications n SET email_status = 'skipped' FROM users u
        WHERE u.id = n.user_id AND n.email_status = 'digest' AND (u.email_muted OR u.email IS NULL OR NOT u.active)`,
    );
    const users: { id: string; email: string; displayName: string }[] = await this.dataSource.query(
      `SELECT u.id, u.email, u.display_name AS "displayName" FROM users u
        WHERE EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = u.id AND n.email_status = 'digest')
        ORDER BY u.username`,
    );
    let sent = 0;
    for (const user of users) {
      const claimed: DigestLine[] = await returning(
        this.dataSource,
        `UPDATE notifications SET email_status = 'sending' WHERE user_id = $1 AND email_status = 'digest'
         RETURNING id, title, body, recommendation_id AS "recommendationId", created_at AS "createdAt"`,
        [user.id],
      );
      if (claimed.length === 0) continue;
      claimed.sort((a, b) => Number(a.id) - Number(b.id));
      const ids = claimed.map((n) => n.id);
      try {
        await this.transport.sendMail({
          from: this.from,
          to: { name: user.displayName, address: user.email },
          subject: `NGK: ${claimed.length} thông báo mới`,
          text: digestText(claimed),
          headers: { 'X-NGK-Digest': `${user.id}/${ids[0]}-${ids[ids.length - 1]}` },
        });
      } catch (err) {
        // Not sent: give the rows back to the digest so the retry sends them.
        await this.dataSource.query(
          `UPDATE notifications SET email_status = 'digest' WHERE id = ANY($1::bigint[])`,
          [ids],
        );
        throw err;
      }
      await this.dataSource.query(
        `UPDATE notifications SET email_status = 'sent', emailed_at = now() WHERE id = ANY($1::bigint[])`,
        [ids],
      );
      sent += claimed.length;
    }
    return { users: users.length, sent };
  }
}

interface DigestLine {
  id: string;
  title: string;
  body: string;
  recommendationId: string | null;
  createdAt: Date;
}

/** The digest's text: one paragraph per notification, oldest first, with the time it came (Việt Nam). */
function digestText(lines: DigestLine[]): string {
  const when = (d: Date) =>
    new Date(d).toLocaleString('vi-VN', {
      timeZone: 'Asia/Ho_Chi_Minh',
      dateStyle: 'short',
      timeStyle: 'short',
    });
  return lines
    .map(
      (n) =>
        `• ${when(n.createdAt)} · ${n.title}\n  ${n.body}` +
        (n.recommendationId ? `\n  Mã kiến nghị: ${n.recommendationId}` : ''),
    )
    .join('\n\n');
}
