import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { ListNotificationsQuery, NotificationIdParam, NotificationPreferencesDto } from './notifications.dto';
import { NotificationsService } from './notifications.service';
import { etagMatches, unreadEtag } from './unread-etag';

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

  @Get('notifications/unread-count')
  @ApiOperation({
    summary: 'The bell: my unread count and newest notification; 304 while they are unchanged',
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of the last answer' })
  @ApiResponse({ status: 304, description: 'Nothing changed since the ETag given' })
  async unreadCount(
    @CurrentActor() actor: Actor,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const state = await this.notifications.unread(actor);
    const etag = unreadEtag(state);
    // Per user and always revalidated: a shared cache must not keep it, the browser must not reuse it unasked.
    res.set({ ETag: etag, 'Cache-Control': 'private, no-cache', Vary: 'Authorization' });
    if (etagMatches(ifNoneMatch, etag)) {
      res.status(304).end();
      return;
    }
    res.json(state);
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

  @Get('notifications/preferences')
  @ApiOperation({ summary: 'My email preferences: muted or not, immediate or a daily digest' })
  preferences(@CurrentActor() actor: Actor) {
    return this.notifications.preferences(actor);
  }

  @Patch('notifications/preferences')
  @ApiOperation({
    summary: 'Mute notification email, or take it as a daily digest at 07:30 (in-app notifications stay)',
  })
  setPreferences(@CurrentActor() actor: Actor, @Body() body: NotificationPreferencesDto) {
    return this.notifications.setPreferences(actor, body);
  }
}
