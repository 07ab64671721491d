import { proxyActivities } from '@temporalio/workflow';
import { previousQuarter, type Quarter } from '@ngk/domain';
import type { ReportActivities } from '@ngk/activities/report.activities';

const reports = proxyActivities<Pick<ReportActivities, 'publishQuarterlyReport'>>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * Run by the quarterly Schedule: reports on the quarter that just ended (as of the workflow's start, on
 * Việt Nam's calendar), or on the quarter given.
 */
export async function quarterlyReportWorkflow(
  input: Partial<Quarter> = {},
): Promise<{ year: number; quarter: number; reportId: string; notified: number }> {
  const q: Quarter =
    input.year && input.quarter ? { year: input.year, quarter: input.quarter } : previousQuarter(new Date());
  const result = await reports.publishQuarterlyReport(q);
  return { ...q, ...result };
}
