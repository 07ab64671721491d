import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Environment } from '@ngk/config';
import type { Quarter } from '@ngk/domain';
import { boundTransactionStatements } from '@ngk/persistence';
import { loadQuarterlyReport, type QuarterlyReport, type ReportScope } from '@ngk/reports';

/** The reads of the reports feature; the report's own SQL is libs/reports' QuarterlyReportRepository. */
@Injectable()
export class ReportsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** One read-only transaction, so the report's statements get the longer bound a quarter's reading needs. */
  quarterly(q: Quarter, scope: ReportScope): Promise<QuarterlyReport> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      await boundTransactionStatements(
        manager,
        this.config.get('DB_REPORT_STATEMENT_TIMEOUT_MS', { infer: true }),
      );
      return loadQuarterlyReport(manager, q, scope);
    });
  }

  /** The kind of a unit (district, commune, department…), or null when there is no such unit. */
  async unitKind(id: string): Promise<string | null> {
    const [unit] = await this.dataSource.query(`SELECT kind FROM units WHERE id = $1`, [id]);
    return unit?.kind ?? null;
  }
}
