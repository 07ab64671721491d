import type { ReportPeriodKind } from '@ngk/domain';

/** Start argument of a period's run: the Schedule gives none (the period just ended, per policy). */
export interface CadreReportPeriodInput {
  periodKind?: ReportPeriodKind;
  /** The period's first day (YYYY-MM-DD); with it, that period is opened whenever the run starts. */
  periodStart?: string;
}

/** A period as opened: its reports' deadline and when their cadres are reminded (real instants). */
export interface OpenedReportPeriod {
  kind: ReportPeriodKind;
  start: string;
  end: string;
  dueAt: string;
  reminders: { at: string; workingDaysLeft: number }[];
  opened: number;
}

export const CADRE_REPORT_PERIOD_WORKFLOW_TYPE = 'cadreReportPeriodWorkflow';

/** One run per period: starting it again finds the same workflow (or its finished record). */
export function cadreReportPeriodWorkflowId(kind: ReportPeriodKind, start: string): string {
  return `cadre-report-period-${kind}-${start}`;
}
