import { Body, Controller, Get, HttpCode, Injectable, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { returning } from '@ngk/persistence';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { notFound } from '../common/error-codes';

export class ListNotificationsQuery {
  @ApiPropertyOptional({ description: 'Only unread ones' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class NotificationIdParam {
  @ApiProperty({ example: '42', description: 'The notification number' })
  @Matches(/^[1-9]\d{0,17}$/, { message: 'id must be a notification number' })
  id!: string;
}

export class EmailPreferenceDto {
  @ApiProperty({ description: 'true: in-app only, no email' })
  @IsBoolean({ message: 'emailMuted must be true or false' })
  emailMuted!: boolean;
}

@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, query: ListNotificationsQuery) {
    const items = await this.dataSource.query(
      `SELECT id, recommendation_id AS "recommendationId", event_seq AS "eventSeq", report_id AS "reportId", kind,
              title, body,
              created_at AS "createdAt", read_at AS "readAt", email_status AS "emailStatus"
         FROM notifications WHERE user_id = $1 AND ($2::boolean IS NOT TRUE OR read_at IS NULL)
        ORDER BY created_at DESC, id DESC LIMIT $3`,
      [actor.userId, query.unread ?? null, query.limit ?? 50],
    );
    const [{ unread }] = await this.dataSource.query(
      `SELECT count(*)::int AS unread FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [actor.userId],
    );
    return { unreadCount: unread, items };
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

  async setEmailMuted(actor: Actor, muted: boolean) {
    await this.dataSource.query(`UPDATE users SET email_muted = $2 WHERE id = $1`, [actor.userId, muted]);
    return { emailMuted: muted };
  }
}

@ApiTags('notifications')
@ActingUser()
@Controller('api')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiOperation({ summary: 'My notifications, newest first, with the unread count' })
  list(@CurrentActor() actor: Actor, @Query() query: ListNotificationsQuery) {
    return this.notifications.list(actor, query);
  }

  @Post('notifications/:id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one of my notifications read' })
  markRead(@CurrentActor() actor: Actor, @Param() params: NotificationIdParam) {
    return this.notifications.markRead(actor, params.id);
  }

  @Post('notifications/read-all')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  markAllRead(@CurrentActor() actor: Actor) {
    return this.notifications.markAllRead(actor);
  }

  @Patch('notifications/preferences')
  @ApiOperation({ summary: 'Mute or unmute notification email (in-app notifications stay)' })
  preferences(@CurrentActor() actor: Actor, @Body() body: EmailPreferenceDto) {
    return this.notifications.setEmailMuted(actor, body.emailMuted);
  }
}
