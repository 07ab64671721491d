import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { periodHolding } from '@ngk/domain';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { ReportExportQuery, ReportPeriodQuery } from './cadre-reports.dto';
import { periodReportsHtml, periodReportsXlsx } from './report-board.export';
import { ReportBoardService } from './report-board.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The Organization Board's follow-up of the cadres' reports; its staff only (403 for others). */
@ApiTags('cadre reports')
@ActingUser()
@ApiResponse({ status: 403, description: 'Not of the Organization Board’s staff' })
@Controller('api')
export class ReportBoardController {
  constructor(private readonly board: ReportBoardService) {}

  @Get('report-board/periods')
  @ApiOperation({ summary: 'The periods reports were opened for, newest first' })
  periods(@CurrentActor() actor: Actor) {
    return this.board.periods(actor);
  }

  @Get('report-board/status')
  @ApiOperation({ summary: 'Per commune, who has and has not reported: on time, late, overdue, draft, open' })
  @ApiResponse({ status: 400, description: 'A malformed period' })
  status(@CurrentActor() actor: Actor, @Query() query: ReportPeriodQuery) {
    return this.board.status(actor, query);
  }

  @Get('report-board/issues')
  @ApiOperation({ summary: 'The emerging issues of the period’s submitted reports, by category' })
  @ApiResponse({ status: 400, description: 'A malformed period' })
  issues(@CurrentActor() actor: Actor, @Query() query: ReportPeriodQuery) {
    return this.board.issues(actor, query);
  }

  @Get('report-board/export')
  @ApiOperation({ summary: 'The period’s reports as XLSX, or as a page made for printing' })
  @ApiProduces(XLSX, 'text/html')
  @ApiResponse({ status: 400, description: 'A malformed period or format' })
  async export(
    @CurrentActor() actor: Actor,
    @Query() query: ReportExportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | StreamableFile> {
    const reports = await this.board.export(actor, query);
    const period = periodHolding(query.periodKind, query.periodStart);
    const lang = query.lang ?? 'vi';
    if (query.format === 'xlsx')
      return new StreamableFile(await periodReportsXlsx(period, reports, lang), {
        type: XLSX,
        disposition: `attachment; filename="bao-cao-dinh-ky-${period.kind}-${period.start}.xlsx"`,
      });
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    return periodReportsHtml(period, reports, lang);
  }

  @Post('report-issues/:id/flag')
  @HttpCode(200)
  @ApiOperation({ summary: 'Flag an emerging issue for the Standing Committee’s agenda' })
  @ApiResponse({ status: 404, description: 'No such issue' })
  @ApiResponse({ status: 409, description: 'Its report is not submitted' })
  flag(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.board.flag(actor, id, true);
  }

  @Delete('report-issues/:id/flag')
  @ApiOperation({ summary: 'Take an emerging issue off the Standing Committee’s proposed agenda' })
  @ApiResponse({ status: 404, description: 'No such issue' })
  unflag(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.board.flag(actor, id, false);
  }
}
