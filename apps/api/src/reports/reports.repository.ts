import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Quarter } from '@ngk/domain';
import { loadQuarterlyReport, type QuarterlyReport, type ReportScope } from '@ngk/reports';

/** The reads of the reports feature; the report's own SQL is libs/reports' QuarterlyReportRepository. */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  quarterly(q: Quarter, scope: ReportScope): Promise<QuarterlyReport> {
    return loadQuarterlyReport(this.dataSource, q, scope);
  }

  /** The kind of a unit (district, commune, department…), or null when there is no such unit. */
  async unitKind(id: string): Promise<string | null> {
    const [unit] = await this.dataSource.query(`SELECT kind FROM units WHERE id = $1`, [id]);
    return unit?.kind ?? null;
  }
}
