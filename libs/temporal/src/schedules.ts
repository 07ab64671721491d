import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptions,
} from '@temporalio/client';

export const QUARTERLY_REPORT_SCHEDULE_ID = 'ngk-quarterly-report';

/** 07:00 on the first day of each quarter, Việt Nam time: the report on the quarter just ended. */
export function quarterlyReportSchedule(taskQueue: string): ScheduleOptions {
  return {
    scheduleId: QUARTERLY_REPORT_SCHEDULE_ID,
    spec: {
      calendars: [
        {
          comment: 'first day of each quarter',
          month: ['JANUARY', 'APRIL', 'JULY', 'OCTOBER'],
          dayOfMonth: 1,
          hour: 7,
        },
      ],
      timezone: 'Asia/Ho_Chi_Minh',
    },
    action: {
      type: 'startWorkflow',
      workflowType: 'quarterlyReportWorkflow',
      workflowId: 'quarterly-report',
      taskQueue,
      args: [{}],
    },
    // A report that is late is still wanted; two at once are not.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' },
  };
}

/** Creates the schedule once; a schedule already there (from an earlier start) is kept as it is. */
export async function ensureQuarterlyReportSchedule(
  client: Client,
  taskQueue: string,
): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create(quarterlyReportSchedule(taskQueue));
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  }
}
