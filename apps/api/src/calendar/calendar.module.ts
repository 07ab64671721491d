import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';
import { ClockService } from './clock.service';
import { CountdownsService } from './countdowns.service';

@Module({
  controllers: [CalendarController],
  providers: [CalendarService, CalendarRepository, CountdownsService, ClockService],
  exports: [CountdownsService, ClockService],
})
export class CalendarModule {}
