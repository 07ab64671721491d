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

export const NOTIFICATION_DIGEST_SCHEDULE_ID = 'ngk-notification-digest';

/** 07:30 every day, Việt Nam time: the email digest for the users who chose one. */
export function notificationDigestSchedule(taskQueue: string): ScheduleOptions {
  return {
    scheduleId: NOTIFICATION_DIGEST_SCHEDULE_ID,
    spec: {
      calendars: [{ comment: 'every morning', hour: 7, minute: 30 }],
      timezone: 'Asia/Ho_Chi_Minh',
    },
    action: {
      type: 'startWorkflow',
      workflowType: 'notificationDigestWorkflow',
      workflowId: 'notification-digest',
      taskQueue,
      args: [],
    },
    // A digest missed for an hour is still wanted that morning; a day late, the next one carries it.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '12 hours' },
  };
}

export const CADRE_REPORT_SCHEDULE_ID = 'ngk-cadre-report-period';

/**
 * 07:00 on the first day of each month, Việt Nam time: opens the cadres' reports on the period that ended
 * yesterday. Monthly whatever the policy, so a change of CADRE_REPORT_PERIOD needs no new Schedule: on a
 * quarterly policy the run opens nothing outside a quarter's first day.
 */
export function cadreReportSchedule(taskQueue: string): ScheduleOptions {
  return {
    scheduleId: CADRE_REPORT_SCHEDULE_ID,
    spec: {
      calendars: [{ comment: 'first day of each month', dayOfMonth: 1, hour: 7 }],
      timezone: 'Asia/Ho_Chi_Minh',
    },
    action: {
      type: 'startWorkflow',
      workflowType: 'cadreReportPeriodWorkflow',
      workflowId: 'cadre-report-period',
      taskQueue,
      args: [{}],
    },
    // A period's run lasts until its deadline; the next month's run may start beside it.
    policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL, catchupWindow: '7 days' },
  };
}

export const MEETING_CALENDAR_SCHEDULE_ID = 'ngk-meeting-calendar';

/**
 * 06:30 on the first day of each quarter, Việt Nam time: the quarter's commune meetings by policy go on
 * the calendar for every commune with a cadre, so cadres see them and the Organization Board counts them.
 */
export function meetingCalendarSchedule(taskQueue: string): ScheduleOptions {
  return {
    scheduleId: MEETING_CALENDAR_SCHEDULE_ID,
    spec: {
      calendars: [
        {
          comment: 'first day of each quarter',
          month: ['JANUARY', 'APRIL', 'JULY', 'OCTOBER'],
          dayOfMonth: 1,
          hour: 6,
          minute: 30,
        },
      ],
      timezone: 'Asia/Ho_Chi_Minh',
    },
    action: {
      type: 'startWorkflow',
      workflowType: 'meetingCalendarWorkflow',
      workflowId: 'meeting-calendar',
      taskQueue,
      args: [{}],
    },
    // A quarter's meetings late are still wanted; generating twice adds nothing.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '30 days' },
  };
}

/** Creates the meeting calendar's schedule once, likewise. */
export async function ensureMeetingCalendarSchedule(
  client: Client,
  taskQueue: string,
): Promise<'created' | 'exists'> {
  return ensureSchedule(client, meetingCalendarSchedule(taskQueue));
}

/** Creates the cadre reports' schedule once, likewise. */
export async function ensureCadreReportSchedule(
  client: Client,
  taskQueue: string,
): Promise<'created' | 'exists'> {
  return ensureSchedule(client, cadreReportSchedule(taskQueue));
}

/** Creates the quarterly report's schedule once; one already there (from an earlier start) is kept. */
export async function ensureQuarterlyReportSchedule(
  client: Client,
  taskQueue: string,
): Promise<'created' | 'exists'> {
  return ensureSchedule(client, quarterlyReportSchedule(taskQueue));
}

/** Creates the digest's schedule once, likewise. */
export async function ensureNotificationDigestSchedule(
  client: Client,
  taskQueue: string,
): Promise<'created' | 'exists'> {
  return ensureSchedule(client, notificationDigestSchedule(taskQueue));
}

async function ensureSchedule(client: Client, options: ScheduleOptions): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create(options);
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  }
}
