import { proxyActivities, sleep } from '@temporalio/workflow';
import type { CadreReportPeriodInput } from '@ngk/definitions';
import type { CadreReportActivities } from '@ngk/activities/cadre-report.activities';

const reports = proxyActivities<
  Pick<CadreReportActivities, 'openReportPeriod' | 'remindCadreReports' | 'markCadreReportsOverdue'>
>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Waits until a real instant, as the workflow's clock reads it: a timer may fire a little early. */
async function until(at: string): Promise<void> {
  while (Date.parse(at) > Date.now()) await sleep(Date.parse(at) - Date.now());
}

/**
 * One reporting period, run by the Schedule (the period just ended, per policy) or started for a given
 * period: opens a report per cadre per assigned commune, reminds the cadres still to submit, and at the
 * deadline flags the rest overdue and tells the Organization Board. Each step is idempotent.
 */
export async function cadreReportPeriodWorkflow(
  input: CadreReportPeriodInput = {},
): Promise<{ opened: number; overdue: number } | null> {
  const period = await reports.openReportPeriod(input);
  if (!period) return null;
  for (const reminder of period.reminders) {
    await until(reminder.at);
    await reports.remindCadreReports({ ...period, workingDaysLeft: reminder.workingDaysLeft });
  }
  await until(period.dueAt);
  const { overdue } = await reports.markCadreReportsOverdue(period);
  return { opened: period.opened, overdue };
}
