import { proxyActivities } from '@temporalio/workflow';
import type { Quarter } from '@ngk/domain';
import type { MeetingCalendarActivities } from '@ngk/activities/meeting-calendar.activities';

const calendar = proxyActivities<MeetingCalendarActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * The quarter's commune meetings by policy (the quarterly meeting, the 6-month and year-end reviews) for
 * every commune with a cadre: run by the Schedule at each quarter's start, or for a given quarter.
 */
export async function meetingCalendarWorkflow(
  input: Partial<Quarter> = {},
): Promise<Quarter & { created: number; existing: number }> {
  return calendar.generateQuarterMeetings(input);
}
