import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { quarterlyReportHtml, quarterlyReportXlsx, type QuarterlyReport } from '@ngk/reports';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { QuarterlyReportQuery } from './quarterly-report.query';
import { ReportsService } from './reports.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('tracking')
@ActingUser()
@Controller('api/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('quarterly')
  @ApiOperation({
    summary:
      'The quarterly report: emerging issues, new, resolved, overdue, escalated, on-time rate per unit',
    description:
      'Province-wide, or for one lead unit or one district. JSON, XLSX, or a page made for printing.',
  })
  @ApiProduces('application/json', XLSX, 'text/html')
  @ApiResponse({
    status: 400,
    description: 'A malformed year, quarter, id or format; or both unitId and districtId',
  })
  @ApiResponse({ status: 403, description: 'A unit head asking for another unit or for the province' })
  @ApiResponse({ status: 422, description: 'unitId or districtId names no such unit' })
  async quarterly(
    @CurrentActor() actor: Actor,
    @Query() query: QuarterlyReportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<QuarterlyReport | string | StreamableFile> {
    const report = await this.reports.quarterly(actor, query);
    const lang = query.lang ?? 'vi';
    const name = `bao-cao-quy-${query.quarter}-${query.year}`;
    switch (query.format ?? 'json') {
      case 'xlsx':
        return new StreamableFile(await quarterlyReportXlsx(report, lang), {
          type: XLSX,
          disposition: `attachment; filename="${name}.xlsx"`,
        });
      case 'html':
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        return quarterlyReportHtml(report, lang);
      default:
        return report;
    }
  }
}
