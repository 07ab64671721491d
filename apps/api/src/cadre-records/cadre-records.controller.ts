import { Controller, Get, Param, ParseUUIDPipe, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { CadreRecordQuery } from './cadre-record.query';
import { cadreRecordHtml } from './cadre-record.html';
import { cadreRecordXlsx } from './cadre-record.xlsx';
import { CadreRecordsService, type CadreRecord } from './cadre-records.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('meetings')
@ActingUser()
@ApiResponse({ status: 403, description: "Unit staff other than the Organization Board's" })
@Controller('api/cadre-records')
export class CadreRecordsController {
  constructor(private readonly records: CadreRecordsService) {}

  @Get()
  @ApiOperation({ summary: 'The cadres whose record the user may read (a cadre: themself)' })
  cadres(@CurrentActor() actor: Actor) {
    return this.records.cadres(actor);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      "A cadre's record over a quarter or a year: reports on time and late, meetings attended and missed, field visits, recommendations raised, accepted, implemented and verified, median time to resolve",
    description: 'JSON, XLSX, or a page made for printing.',
  })
  @ApiProduces('application/json', XLSX, 'text/html')
  @ApiResponse({ status: 404, description: 'No such cadre, or another cadre asking' })
  async record(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: CadreRecordQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CadreRecord | string | StreamableFile> {
    const record = await this.records.record(actor, id, query);
    const lang = query.lang ?? 'vi';
    const name = `ket-qua-can-bo-${record.cadre.username}-${query.quarter ? `quy-${query.quarter}-` : ''}${query.year}`;
    switch (query.format ?? 'json') {
      case 'xlsx':
        return new StreamableFile(await cadreRecordXlsx(record, lang), {
          type: XLSX,
          disposition: `attachment; filename="${name}.xlsx"`,
        });
      case 'html':
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        return cadreRecordHtml(record, lang);
      default:
        return record;
    }
  }
}
