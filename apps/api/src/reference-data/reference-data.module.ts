import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { ReferenceDataController } from './reference-data.controller';
import { ReferenceDataRepository } from './reference-data.repository';

@Module({
  imports: [CalendarModule],
  controllers: [ReferenceDataController],
  providers: [ReferenceDataRepository],
})
export class ReferenceDataModule {}
