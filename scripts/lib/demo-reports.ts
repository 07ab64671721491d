import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { CADRE_REPORT_PERIOD_WORKFLOW_TYPE, cadreReportPeriodWorkflowId } from '@ngk/definitions';
import { addDays, periodHolding, type ReportPeriodKind } from '@ngk/domain';
import { DEFAULT_TASK_QUEUE } from '@ngk/temporal';

/**
 * Opens the cadres' reports on the period that ended last, on the demo's clock, as the Schedule does on a
 * period's first morning: a demo started mid-period would otherwise show no report until the next one.
 * Started once per period (its workflow id), so a second `up` opens nothing again.
 */
export async function openDemoReportPeriod(
  base: string,
  temporalAddress: string,
  log: (line: string) => void,
): Promise<void> {
  const { today } = (await (await fetch(`${base}/api/calendar/today`)).json()) as { today: string };
  const kind = (process.env.CADRE_REPORT_PERIOD ?? 'quarter') as ReportPeriodKind;
  const current = periodHolding(kind, today);
  const period = periodHolding(kind, addDays(current.start, -1));
  const connection = await Connection.connect({ address: temporalAddress });
  try {
    const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
    await client.workflow.start(CADRE_REPORT_PERIOD_WORKFLOW_TYPE, {
      workflowId: cadreReportPeriodWorkflowId(kind, period.start),
      taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? DEFAULT_TASK_QUEUE,
      args: [{ periodKind: kind, periodStart: period.start }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    log(
      `demo: the cadres' reports on ${period.start}–${period.end} opened, as the Schedule opens each period`,
    );
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  } finally {
    await connection.close();
  }
}
