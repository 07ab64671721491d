import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { ScMeetingsController } from './sc-meetings.controller';
import { ScMeetingsRepository } from './sc-meetings.repository';
import { ScMeetingsService } from './sc-meetings.service';

@Module({
  imports: [CalendarModule],
  controllers: [ScMeetingsController],
  providers: [ScMeetingsService, ScMeetingsRepository],
})
export class ScMeetingsModule {}
