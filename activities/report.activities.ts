import { Injectable } from '@nestjs/common';
import type { Quarter } from '@ngk/domain';
import { ReportRepository } from './report.repository';

/** Roles told of each quarter's report. */
export const REPORT_AUDIENCE = ['standing-committee', 'leadership-viewer'] as const;

/**
 * The scheduled quarterly report: made province-wide, kept as made, and announced to leadership, in one
 * transaction. Running it again for the same quarter replaces the kept report and tells nobody twice.
 */
@Injectable()
export class ReportActivities {
  constructor(private readonly repository: ReportRepository) {}

  async publishQuarterlyReport(q: Quarter): Promise<{ reportId: string; notified: number }> {
    return this.repository.transaction(async (tx) => {
      const report = await tx.provinceReport(q);
      const reportId = await tx.keep(q, report);
      const s = report.summary;
      const notified = await tx.announce(reportId, {
        title: `Báo cáo quý ${q.quarter}/${q.year} đã sẵn sàng`,
        body:
          `${s.newCount} kiến nghị mới, ${s.resolved} đã giải quyết` +
          (s.onTimeRate === null ? '' : ` (${Math.round(s.onTimeRate * 100)}% đúng hạn)`) +
          `, ${s.breached} quá hạn trong quý, ${s.escalated} chuyển Ban Thường vụ. ` +
          `Xem: /api/reports/quarterly?year=${q.year}&quarter=${q.quarter}&format=html`,
        roles: [...REPORT_AUDIENCE],
      });
      return { reportId, notified };
    });
  }
}
