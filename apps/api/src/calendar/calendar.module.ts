import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { CountdownsService } from './countdowns.service';

@Module({
  controllers: [CalendarController],
  providers: [CalendarService, CountdownsService],
  exports: [CountdownsService],
})
export class CalendarModule {}
