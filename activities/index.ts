export * from './activities.module';
export * from './recommendation.activities';
export * from './sla.activities';
export * from './mail.activities';
export * from './report.activities';
export * from './reorganization.activities';
export * from './cadre-report.activities';
export * from './sc-meeting.activities';
