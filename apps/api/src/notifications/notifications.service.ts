import { Injectable } from '@nestjs/common';
import { notFound } from '../common/error-codes';
import { invalidField } from '../common/validation';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EmailDigest } from '@ngk/domain';
import { returning } from '@ngk/persistence';
import type { Actor } from '../common/actor';
import type { ListNotificationsQuery, NotificationPreferencesDto } from './notifications.dto';
import type { UnreadState } from './unread-etag';

export interface NotificationPreferences {
  emailMuted: boolean;
  emailDigest: EmailDigest;
  /** Where email goes; null: none is sent whatever the preferences. */
  email: string | null;
}

@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, query: ListNotificationsQuery) {
    // The item's title, a person's words and the deadline come apart from the Vietnamese text, so the UI
    // can say them in the reader's language.
    const items = await this.dataSource.query(
      `SELECT n.id, n.recommendation_id AS "recommendationId", n.event_seq AS "eventSeq",
              n.report_id AS "reportId", n.kind, n.title, n.body, r.title AS "itemTitle", r.reference,
              CASE WHEN e.actor_user_id IS NOT NULL THEN e.reason END AS "note", e.payload->>'dueAt' AS "dueAt",
              n.created_at AS "createdAt", n.read_at AS "readAt", n.email_status AS "emailStatus"
         FROM notifications n LEFT JOIN recommendations r ON r.id = n.recommendation_id
         LEFT JOIN recommendation_events e ON e.recommendation_id = n.recommendation_id AND e.seq = n.event_seq
        WHERE n.user_id = $1 AND ($2::boolean IS NOT TRUE OR n.read_at IS NULL)
        ORDER BY n.created_at DESC, n.id DESC LIMIT $3`,
      [actor.userId, query.unread ?? null, query.limit ?? 50],
    );
    const { unreadCount } = await this.unread(actor);
    return { unreadCount, items };
  }

  /** The bell's state, from the unread rows alone (a partial index holds just those). */
  async unread(actor: Actor): Promise<UnreadState> {
    const [state] = await this.dataSource.query(
      `SELECT count(*)::int AS "unreadCount", COALESCE(max(id), 0)::text AS "latestId"
         FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [actor.userId],
    );
    return state;
  }

  /** Marks one of the user's own notifications read; another user's is 404, as if it did not exist. */
  async markRead(actor: Actor, id: string): Promise<void> {
    const marked = await returning(
      this.dataSource,
      `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id`,
      [id, actor.userId],
    );
    if (marked.length === 0) throw notFound('notification.not-found', `notification ${id} not found`);
  }

  async markAllRead(actor: Actor): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`,
      [actor.userId],
    );
  }

  async preferences(actor: Actor): Promise<NotificationPreferences> {
    const [row] = await this.dataSource.query(
      `SELECT email_muted AS "emailMuted", email_digest AS "emailDigest", email FROM users WHERE id = $1`,
      [actor.userId],
    );
    return row;
  }

  async setPreferences(actor: Actor, change: NotificationPreferencesDto): Promise<NotificationPreferences> {
    if (change.emailMuted === undefined && change.emailDigest === undefined) {
      throw invalidField(
        'emailDigest',
        'notifications.preferences-empty',
        'give emailMuted (true or false) or emailDigest (immediate or daily)',
      );
    }
    await this.dataSource.query(
      `UPDATE users SET email_muted = COALESCE($2, email_muted), email_digest = COALESCE($3, email_digest)
        WHERE id = $1`,
      [actor.userId, change.emailMuted ?? null, change.emailDigest ?? null],
    );
    return this.preferences(actor);
  }
}
