export { recommendationWorkflow } from './recommendation/workflow';
export { quarterlyReportWorkflow } from './quarterly-report.workflow';
export { notificationDigestWorkflow } from './notification-digest.workflow';
export { reorganizationWorkflow } from './reorganization.workflow';
export { cadreReportPeriodWorkflow } from './cadre-report-period.workflow';
export { scMeetingWorkflow } from './sc-meeting.workflow';
export { meetingCalendarWorkflow } from './meeting-calendar.workflow';
