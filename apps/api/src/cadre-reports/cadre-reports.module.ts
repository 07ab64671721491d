import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CadreReportsController } from './cadre-reports.controller';
import { CadreReportsRepository } from './cadre-reports.repository';
import { CadreReportsService } from './cadre-reports.service';
import { ReportBoardController } from './report-board.controller';
import { ReportBoardService } from './report-board.service';
import { ReportIssueLinks } from './report-issue-links';

@Module({
  imports: [CalendarModule],
  controllers: [CadreReportsController, ReportBoardController],
  providers: [CadreReportsRepository, CadreReportsService, ReportBoardService, ReportIssueLinks],
  exports: [ReportIssueLinks],
})
export class CadreReportsModule {}
