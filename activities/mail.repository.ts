import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { returning } from '@ngk/persistence';

/** A notification waiting to be emailed now, with its recipient's address. */
export interface PendingEmail {
  id: string;
  email: string;
  displayName: string;
  title: string;
  body: string;
  recommendationId: string;
  eventSeq: number;
}

/** A notification kept for a user's morning digest. */
export interface DigestLine {
  id: string;
  title: string;
  body: string;
  recommendationId: string | null;
  createdAt: Date;
}

/** A user with notifications kept for the digest. */
export interface DigestRecipient {
  id: string;
  email: string;
  displayName: string;
}

/**
 * The email outbox: each notification's email_status moves pending → sending → sent, digest → sending →
 * sent, or to skipped when no email is to go. A refusal ends in failed (for good, or after the cap of
 * attempts) or goes back to pending or digest for another try; a claim left by a crashed sender becomes
 * unknown.
 */
@Injectable()
export class MailRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** No email will go for this event's pending notifications. */
  async skipPending(event: { recommendationId: string; seq: number }): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET email_status = 'skipped'
        WHERE recommendation_id = $1 AND event_seq = $2 AND email_status = 'pending'`,
      [event.recommendationId, event.seq],
    );
  }

  pending(event: { recommendationId: string; seq: number }): Promise<PendingEmail[]> {
    return this.dataSource.query(
      `SELECT n.id, u.email, u.display_name AS "displayName", n.title, n.body,
              n.recommendation_id AS "recommendationId", n.event_seq AS "eventSeq"
         FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.recommendation_id = $1 AND n.event_seq = $2 AND n.email_status = 'pending'
        ORDER BY n.id`,
      [event.recommendationId, event.seq],
    );
  }

  /** Takes a pending email for sending, counting the attempt; false when another run has taken it. */
  async claim(id: string): Promise<boolean> {
    const claimed = await returning(
      this.dataSource,
      `UPDATE notifications
          SET email_status = 'sending', email_claimed_at = now(), email_attempts = email_attempts + 1
        WHERE id = $1 AND email_status = 'pending' RETURNING id`,
      [id],
    );
    return claimed.length > 0;
  }

  async markSent(ids: string[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET email_status = 'sent', emailed_at = now(), email_error = NULL
        WHERE id = ANY($1::bigint[])`,
      [ids],
    );
  }

  /** The mail server refused these for good: never tried again. */
  async markFailed(ids: string[], reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET email_status = 'failed', email_error = $2 WHERE id = ANY($1::bigint[])`,
      [ids, reason],
    );
  }

  /**
   * Gives refused emails back for another try (to `queue`: pending or digest), or marks them failed once
   * they have had `maxAttempts`; true when some are left to retry.
   */
  async retryLater(
    ids: string[],
    reason: string,
    maxAttempts: number,
    queue: 'pending' | 'digest',
  ): Promise<boolean> {
    const rows = await returning<{ email_status: string }>(
      this.dataSource,
      `UPDATE notifications
          SET email_status = CASE WHEN email_attempts >= $3 THEN 'failed' ELSE $4::text END, email_error = $2
        WHERE id = ANY($1::bigint[]) RETURNING email_status`,
      [ids, reason, maxAttempts, queue],
    );
    return rows.some((r) => r.email_status === queue);
  }

  /**
   * Claims older than `minutes` belong to a sender that died mid-send: the email may or may not have gone,
   * so it becomes unknown rather than being sent a second time. Returns how many.
   */
  async sweepStale(minutes: number): Promise<number> {
    const swept = await returning(
      this.dataSource,
      `UPDATE notifications
          SET email_status = 'unknown', email_error = 'the sender stopped while sending; it may not have arrived'
        WHERE email_status = 'sending' AND email_claimed_at < now() - make_interval(mins => $1::int) RETURNING id`,
      [minutes],
    );
    return swept.length;
  }

  /** No digest will go: every kept notification is skipped. */
  async skipDigests(): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET email_status = 'skipped' WHERE email_status = 'digest'`,
    );
  }

  /** Skips the kept notifications of users muted, without an address or inactive since they came. */
  async skipUnreachableDigests(): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications n SET email_status = 'skipped' FROM users u
        WHERE u.id = n.user_id AND n.email_status = 'digest' AND (u.email_muted OR u.email IS NULL OR NOT u.active)`,
    );
  }

  digestRecipients(): Promise<DigestRecipient[]> {
    return this.dataSource.query(
      `SELECT u.id, u.email, u.display_name AS "displayName" FROM users u
        WHERE EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = u.id AND n.email_status = 'digest')
        ORDER BY u.username`,
    );
  }

  /** Takes every notification kept for the user's digest, for sending, counting the attempt. */
  claimDigest(userId: string): Promise<DigestLine[]> {
    return returning(
      this.dataSource,
      `UPDATE notifications
          SET email_status = 'sending', email_claimed_at = now(), email_attempts = email_attempts + 1
        WHERE user_id = $1 AND email_status = 'digest'
       RETURNING id, title, body, recommendation_id AS "recommendationId", created_at AS "createdAt"`,
      [userId],
    );
  }
}
