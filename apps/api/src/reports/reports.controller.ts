import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import {
  loadQuarterlyReport,
  quarterlyReportHtml,
  quarterlyReportXlsx,
  type QuarterlyReport,
  type ReportScope,
} from '@ngk/reports';
import { ActingUser, CurrentActor, type Actor } from '../common/actor';
import { invalidField, unprocessable } from '../common/validation';
import { QuarterlyReportQuery } from './quarterly-report.query';
import { forbidden } from '../common/error-codes';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('tracking')
@ActingUser()
@Controller('api/reports')
export class ReportsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    const scope = await this.scope(actor, query);
    const report = await loadQuarterlyReport(this.dataSource, query, scope);
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

  private async scope(actor: Actor, query: QuarterlyReportQuery): Promise<ReportScope> {
    if (query.unitId && query.districtId) {
      throw invalidField('districtId', 'report.unit-or-district', 'give unitId or districtId, not both');
    }
    if (actor.role === 'unit-head') {
      if (query.districtId || (query.unitId && query.unitId !== actor.unitId) || !actor.unitId) {
        throw forbidden('report.own-unit-only', 'a unit head sees the report of their own unit only');
      }
      return { kind: 'unit', unitId: actor.unitId };
    }
    const id = query.districtId ?? query.unitId;
    if (!id) return { kind: 'province' };
    const [unit] = await this.dataSource.query(`SELECT kind FROM units WHERE id = $1`, [id]);
    if (query.districtId && unit?.kind !== 'district') {
      throw unprocessable('districtId', 'reference.unknown-district', 'districtId names no district');
    }
    if (!unit) throw unprocessable('unitId', 'reference.unknown-unit', 'unitId names no unit');
    return query.districtId ? { kind: 'district', unitId: id } : { kind: 'unit', unitId: id };
  }
}
