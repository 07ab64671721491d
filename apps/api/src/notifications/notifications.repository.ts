import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EmailDigest } from '@ngk/domain';
import { returning } from '@ngk/persistence';
import { visibleItems, type VisibilityActor } from '../common/visibility';
import type { UnreadState } from './unread-etag';

export interface NotificationPreferences {
  emailMuted: boolean;
  emailDigest: EmailDigest;
  /** Where email goes; null: none is sent whatever the preferences. */
  email: string | null;
}

/** All SQL of a user's notifications and their email preferences. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The user's latest notifications, each with its item's title and reference when the user may see the
   * item, and the person's words and the deadline of the event, apart from the Vietnamese text, so the UI
   * can say them in the reader's language.
   */
  list(
    actor: VisibilityActor,
    unreadOnly: boolean | null,
    limit: number,
  ): Promise<Record<string, unknown>[]> {
    const params: unknown[] = [actor.userId, unreadOnly, limit];
    const visible = visibleItems(actor, params);
    return this.dataSource.query(
      `SELECT n.id, n.recommendation_id AS "recommendationId", n.event_seq AS "eventSeq",
              n.report_id AS "reportId", n.cadre_report_id AS "cadreReportId", n.kind, n.title, n.body, r.title AS "itemTitle", r.reference,
              CASE WHEN e.actor_user_id IS NOT NULL THEN e.reason END AS "note", e.payload->>'dueAt' AS "dueAt",
              n.created_at AS "createdAt", n.read_at AS "readAt", n.email_status AS "emailStatus",
              n.email_error AS "emailError"
         FROM notifications n
         LEFT JOIN recommendations r ON r.id = n.recommendation_id ${visible ? `AND ${visible}` : ''}
         LEFT JOIN recommendation_events e ON e.recommendation_id = r.id AND e.seq = n.event_seq
        WHERE n.user_id = $1 AND ($2::boolean IS NOT TRUE OR n.read_at IS NULL)
        ORDER BY n.created_at DESC, n.id DESC LIMIT $3`,
      params,
    );
  }

  /** The bell's state, from the unread rows alone (a partial index holds just those). */
  async unread(userId: string): Promise<UnreadState> {
    const [state] = await this.dataSource.query(
      `SELECT count(*)::int AS "unreadCount", COALESCE(max(id), 0)::text AS "latestId"
         FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return state;
  }

  /** Marks one of the user's own notifications read; false when the user has no such notification. */
  async markRead(userId: string, id: string): Promise<boolean> {
    const marked = await returning(
      this.dataSource,
      `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id`,
      [id, userId],
    );
    return marked.length > 0;
  }

  async markAllRead(userId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
  }

  async preferences(userId: string): Promise<NotificationPreferences> {
    const [row] = await this.dataSource.query(
      `SELECT email_muted AS "emailMuted", email_digest AS "emailDigest", email FROM users WHERE id = $1`,
      [userId],
    );
    return row;
  }

  /** Changes what is given; null leaves a preference as it is. */
  async setPreferences(
    userId: string,
    emailMuted: boolean | null,
    emailDigest: EmailDigest | null,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE users SET email_muted = COALESCE($2, email_muted), email_digest = COALESCE($3, email_digest)
        WHERE id = $1`,
      [userId, emailMuted, emailDigest],
    );
  }
}
