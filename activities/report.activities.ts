import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Quarter } from '@ngk/domain';
import { loadQuarterlyReport } from '@ngk/reports';

/** Roles told of each quarter's report. */
export const REPORT_AUDIENCE = ['standing-committee', 'leadership-viewer'] as const;

/**
 * The scheduled quarterly report: made province-wide, kept as made, and announced to leadership, in one
 * transaction. Running it again for the same quarter replaces the kept report and tells nobody twice.
 */
@Injectable()
export class ReportActivities {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async publishQuarterlyReport(q: Quarter): Promise<{ reportId: string; notified: number }> {
    return this.dataSource.transaction(async (tx) => {
      const report = await loadQuarterlyReport(tx, q, { kind: 'province' });
      const [{ id }] = await tx.query(
        `INSERT INTO quarterly_reports (year, quarter, generated_at, content) VALUES ($1, $2, $3, $4)
         ON CONFLICT (year, quarter) DO UPDATE SET generated_at = EXCLUDED.generated_at, content = EXCLUDED.content
         RETURNING id`,
        [q.year, q.quarter, report.generatedAt, JSON.stringify(report)],
      );
      const s = report.summary;
      const notified: unknown[] = await tx.query(
        `INSERT INTO notifications (user_id, report_id, kind, title, body, email_status)
         SELECT u.id, $1, 'quarterly-report', $2, $3, 'skipped'
           FROM users u WHERE u.active AND u.role = ANY($4)
         ON CONFLICT (report_id, user_id) WHERE report_id IS NOT NULL DO NOTHING
         RETURNING id`,
        [
          id,
          `Báo cáo quý ${q.quarter}/${q.year} đã sẵn sàng`,
          `${s.newCount} kiến nghị mới, ${s.resolved} đã giải quyết` +
            (s.onTimeRate === null ? '' : ` (${Math.round(s.onTimeRate * 100)}% đúng hạn)`) +
            `, ${s.breached} quá hạn trong quý, ${s.escalated} chuyển Ban Thường vụ. ` +
            `Xem: /api/reports/quarterly?year=${q.year}&quarter=${q.quarter}&format=html`,
          [...REPORT_AUDIENCE],
        ],
      );
      return { reportId: id, notified: notified.length };
    });
  }
}
