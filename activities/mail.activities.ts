import { Inject, Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import type { SendMailOptions, Transporter } from 'nodemailer';
import { refusalOf, type Refusal } from './mail-refusal';
import { MailRepository, type DigestLine } from './mail.repository';

/** The SMTP transport (nodemailer), or null when no SMTP_URL is configured: email is then skipped. */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
export const MAIL_FROM = Symbol('MAIL_FROM');
/** How many attempts an email gets when the mail server keeps answering "try later" (EMAIL_MAX_ATTEMPTS). */
export const MAIL_MAX_ATTEMPTS = Symbol('MAIL_MAX_ATTEMPTS');

/**
 * A claim this old is from a sender that died: longer than any send may last (the digest activity's
 * 10 minutes, nodemailer's 10-minute socket timeout), so a live sender is never swept.
 */
export const STALE_CLAIM_MINUTES = 30;

/** Thrown so Temporal retries the activity for the emails worth another try, and only those. */
const DEFERRED = 'EmailDeferred';

/**
 * Email for the notifications of one event, one recipient at a time. Each row is claimed before it is
 * sent and marked after, so a retried activity sends only what is still pending: never twice for the same
 * event and recipient. A mailbox refused for good is marked failed and the others still go; one that asks
 * to try later keeps the activity retrying for that row alone, until the cap marks it failed.
 */
@Injectable()
export class MailActivities {
  constructor(
    private readonly outbox: MailRepository,
    @Inject(MAIL_TRANSPORT) private readonly transport: Transporter | null,
    @Inject(MAIL_FROM) private readonly from: string,
    @Inject(MAIL_MAX_ATTEMPTS) private readonly maxAttempts: number,
  ) {}

  async sendNotificationEmails(event: { recommendationId: string; seq: number }): Promise<{ sent: number }> {
    if (!this.transport) {
      await this.outbox.skipPending(event);
      return { sent: 0 };
    }
    await this.outbox.sweepStale(STALE_CLAIM_MINUTES);
    const pending = await this.outbox.pending(event);
    let sent = 0;
    let retry: Refusal | null = null;
    for (const mail of pending) {
      if (!(await this.outbox.claim(mail.id))) continue;
      const refusal = await this.deliver({
        to: { name: mail.displayName, address: mail.email },
        subject: mail.title,
        text: `${mail.body}\n\nMã kiến nghị: ${mail.recommendationId}`,
        headers: { 'X-NGK-Notification': `${mail.recommendationId}/${mail.eventSeq}` },
      });
      if (!refusal) {
        await this.outbox.markSent([mail.id]);
        sent++;
      } else if (await this.settle([mail.id], refusal, 'pending')) {
        retry = refusal;
        // No mail server: the remaining rows would only wait for the same timeout.
        if (refusal.kind === 'unreachable') break;
      }
    }
    if (retry) {
      throw ApplicationFailure.retryable(
        `emails of ${event.recommendationId}/${event.seq} wait for another try: ${retry.reason}`,
        DEFERRED,
      );
    }
    return { sent };
  }

  /**
   * The morning digest: one email per user who chose it, listing the notifications kept for it since the
   * last digest. Each user's rows are claimed together before the email goes, and marked sent after, so a
   * retried run neither sends a notification twice nor a second digest to the same user. A refused
   * mailbox is settled as for immediate email, and the other users still get theirs.
   */
  async sendDailyDigests(): Promise<{ users: number; sent: number }> {
    if (!this.transport) {
      await this.outbox.skipDigests();
      return { users: 0, sent: 0 };
    }
    await this.outbox.sweepStale(STALE_CLAIM_MINUTES);
    // Muted since the notification came: no email, as for immediate ones.
    await this.outbox.skipUnreachableDigests();
    const users = await this.outbox.digestRecipients();
    let sent = 0;
    let retry: Refusal | null = null;
    for (const user of users) {
      const claimed = await this.outbox.claimDigest(user.id);
      if (claimed.length === 0) continue;
      claimed.sort((a, b) => Number(a.id) - Number(b.id));
      const ids = claimed.map((n) => n.id);
      const refusal = await this.deliver({
        to: { name: user.displayName, address: user.email },
        subject: `NGK: ${claimed.length} thông báo mới`,
        text: digestText(claimed),
        headers: { 'X-NGK-Digest': `${user.id}/${ids[0]}-${ids[ids.length - 1]}` },
      });
      if (!refusal) {
        await this.outbox.markSent(ids);
        sent += claimed.length;
      } else if (await this.settle(ids, refusal, 'digest')) {
        retry = refusal;
        if (refusal.kind === 'unreachable') break;
      }
    }
    if (retry) {
      throw ApplicationFailure.retryable(`digests wait for another try: ${retry.reason}`, DEFERRED);
    }
    return { users: users.length, sent };
  }

  /** Sends one email; the mail server's refusal, or null when it took the email. */
  private async deliver(mail: Omit<SendMailOptions, 'from'>): Promise<Refusal | null> {
    try {
      await this.transport!.sendMail({ ...mail, from: this.from });
      return null;
    } catch (err) {
      return refusalOf(err);
    }
  }

  /** Records a refusal on its rows; true when they are to be tried again. */
  private async settle(ids: string[], refusal: Refusal, queue: 'pending' | 'digest'): Promise<boolean> {
    if (refusal.kind === 'permanent') {
      await this.outbox.markFailed(ids, refusal.reason);
      return false;
    }
    return this.outbox.retryLater(ids, refusal.reason, this.maxAttempts, queue);
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
