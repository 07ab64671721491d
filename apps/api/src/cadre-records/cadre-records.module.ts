import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { CadreRecordsController } from './cadre-records.controller';
import { CadreRecordsRepository } from './cadre-records.repository';
import { CadreRecordsService } from './cadre-records.service';

@Module({
  imports: [CalendarModule, MeetingsModule],
  controllers: [CadreRecordsController],
  providers: [CadreRecordsService, CadreRecordsRepository],
})
export class CadreRecordsModule {}
