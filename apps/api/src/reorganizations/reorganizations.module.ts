import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { ReorganizationsController } from './reorganizations.controller';
import { ReorganizationsRepository } from './reorganizations.repository';
import { ReorganizationsService } from './reorganizations.service';

@Module({
  imports: [CalendarModule],
  controllers: [ReorganizationsController],
  providers: [ReorganizationsService, ReorganizationsRepository],
})
export class ReorganizationsModule {}
