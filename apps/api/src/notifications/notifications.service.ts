import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { notFound } from '../common/error-codes';
import { invalidField } from '../common/validation';
import type { ListNotificationsQuery, NotificationPreferencesDto } from './notifications.dto';
import { NotificationsRepository, type NotificationPreferences } from './notifications.repository';
import type { UnreadState } from './unread-etag';

@Injectable()
export class NotificationsService {
  constructor(private readonly repository: NotificationsRepository) {}

  async list(actor: Actor, query: ListNotificationsQuery) {
    const items = await this.repository.list(actor, query.unread ?? null, query.limit ?? 50);
    const { unreadCount } = await this.unread(actor);
    return { unreadCount, items };
  }

  unread(actor: Actor): Promise<UnreadState> {
    return this.repository.unread(actor.userId);
  }

  /** Marks one of the user's own notifications read; another user's is 404, as if it did not exist. */
  async markRead(actor: Actor, id: string): Promise<void> {
    if (!(await this.repository.markRead(actor.userId, id))) {
      throw notFound('notification.not-found', `notification ${id} not found`);
    }
  }

  markAllRead(actor: Actor): Promise<void> {
    return this.repository.markAllRead(actor.userId);
  }

  preferences(actor: Actor): Promise<NotificationPreferences> {
    return this.repository.preferences(actor.userId);
  }

  async setPreferences(actor: Actor, change: NotificationPreferencesDto): Promise<NotificationPreferences> {
    if (change.emailMuted === undefined && change.emailDigest === undefined) {
      throw invalidField(
        'emailDigest',
        'notifications.preferences-empty',
        'give emailMuted (true or false) or emailDigest (immediate or daily)',
      );
    }
    await this.repository.setPreferences(actor.userId, change.emailMuted ?? null, change.emailDigest ?? null);
    return this.preferences(actor);
  }
}
