import { Inject, Injectable } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { MailRepository, type DigestLine } from './mail.repository';

/** The SMTP transport (nodemailer), or null when no SMTP_URL is configured: email is then skipped. */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
export const MAIL_FROM = Symbol('MAIL_FROM');

/**
 * Email for the notifications of one event. Each row is claimed before it is sent and marked after, so a
 * retried activity sends only what is still pending: never twice for the same event and recipient.
 */
@Injectable()
export class MailActivities {
  constructor(
    private readonly outbox: MailRepository,
    @Inject(MAIL_TRANSPORT) private readonly transport: Transporter | null,
    @Inject(MAIL_FROM) private readonly from: string,
  ) {}

  async sendNotificationEmails(event: { recommendationId: string; seq: number }): Promise<{ sent: number }> {
    if (!this.transport) {
      await this.outbox.skipPending(event);
      return { sent: 0 };
    }
    const pending = await this.outbox.pending(event);
    let sent = 0;
    for (const mail of pending) {
      if (!(await this.outbox.claim(mail.id))) continue;
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
        await this.outbox.release(mail.id);
        throw err;
      }
      await this.outbox.markSent([mail.id]);
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
      await this.outbox.skipDigests();
      return { users: 0, sent: 0 };
    }
    // Muted since the notification came: no email, as for immediate ones.
    await this.outbox.skipUnreachableDigests();
    const users = await this.outbox.digestRecipients();
    let sent = 0;
    for (const user of users) {
      const claimed = await this.outbox.claimDigest(user.id);
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
        await this.outbox.releaseDigest(ids);
        throw err;
      }
      await this.outbox.markSent(ids);
      sent += claimed.length;
    }
    return { users: users.length, sent };
  }
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
