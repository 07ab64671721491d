import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Quarter } from '@ngk/domain';
import { loadQuarterlyReport, type QuarterlyReport } from '@ngk/reports';

/** The quarterly report's writes: the report as made, and its announcement. */
@Injectable()
export class ReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs the work in one transaction: the report and its announcement commit together or not at all. */
  transaction<T>(work: (tx: ReportTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new ReportTransaction(manager)));
  }
}

/** A report's publication, inside one transaction. */
export class ReportTransaction {
  constructor(private readonly tx: EntityManager) {}

  /** The province-wide report of the quarter, read in this transaction (libs/reports holds its SQL). */
  provinceReport(q: Quarter): Promise<QuarterlyReport> {
    return loadQuarterlyReport(this.tx, q, { kind: 'province' });
  }

  /** Keeps the report as made, replacing the quarter's earlier one; returns its id. */
  async keep(q: Quarter, report: QuarterlyReport): Promise<string> {
    const [{ id }] = await this.tx.query(
      `INSERT INTO quarterly_reports (year, quarter, generated_at, content) VALUES ($1, $2, $3, $4)
       ON CONFLICT (year, quarter) DO UPDATE SET generated_at = EXCLUDED.generated_at, content = EXCLUDED.content
       RETURNING id`,
      [q.year, q.quarter, report.generatedAt, JSON.stringify(report)],
    );
    return id;
  }

  /** Tells the active users of these roles, once per report and user; returns how many were told now. */
  async announce(
    reportId: string,
    notice: { title: string; body: string; roles: string[] },
  ): Promise<number> {
    const notified: unknown[] = await this.tx.query(
      `INSERT INTO notifications (user_id, report_id, kind, title, body, email_status)
       SELECT u.id, $1, 'quarterly-report', $2, $3, 'skipped'
         FROM users u WHERE u.active AND u.role = ANY($4)
       ON CONFLICT (report_id, user_id) WHERE report_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [reportId, notice.title, notice.body, notice.roles],
    );
    return notified.length;
  }
}
