import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@ngk/config';
import { TimeScale } from '@ngk/domain';
import { RecommendationActivities } from './recommendation.activities';
import { createTransport } from 'nodemailer';
import { MAIL_FROM, MAIL_MAX_ATTEMPTS, MAIL_TRANSPORT, MailActivities } from './mail.activities';
import { ReportActivities } from './report.activities';
import { CadreReportActivities } from './cadre-report.activities';
import { CadreReportRepository } from './cadre-report.repository';
import { SLA_TIME_SCALE, SlaActivities } from './sla.activities';
import { MailRepository } from './mail.repository';
import { ProjectionRepository } from './projection.repository';
import { ReportRepository } from './report.repository';
import { ReorganizationActivities } from './reorganization.activities';
import { ReorganizationRepository } from './reorganization.repository';
import { RoutingRepository } from './routing.repository';
import { MeetingCalendarActivities } from './meeting-calendar.activities';
import { MeetingCalendarRepository } from './meeting-calendar.repository';
import { ScMeetingActivities } from './sc-meeting.activities';
import { ScMeetingRepository } from './sc-meeting.repository';
import { SlaRepository } from './sla.repository';

/** The real clock, or the shortened one that NGK_DAY_SECONDS asks for (tests and demos). */
export function timeScaleFrom(config: ConfigService<Environment, true>): TimeScale {
  return TimeScale.fromSettings({
    daySeconds: config.get('NGK_DAY_SECONDS', { infer: true }),
    epoch: config.get('NGK_CLOCK_EPOCH', { infer: true }),
    start: config.get('NGK_CLOCK_START', { infer: true }),
  });
}

/** Activities are Nest providers; the worker binds their methods into the plain object Temporal runs. */
@Module({
  providers: [
    RoutingRepository,
    ProjectionRepository,
    SlaRepository,
    MailRepository,
    ReportRepository,
    ReorganizationRepository,
    CadreReportRepository,
    ScMeetingRepository,
    MeetingCalendarRepository,
    RecommendationActivities,
    SlaActivities,
    { provide: SLA_TIME_SCALE, inject: [ConfigService], useFactory: timeScaleFrom },
    MailActivities,
    ReportActivities,
    CadreReportActivities,
    MeetingCalendarActivities,
    // Sends each moved item its Update through the Temporal client (TemporalModule, global in the worker).
    ReorganizationActivities,
    // Sends each ruling to its item's workflow, through the same client.
    ScMeetingActivities,
    {
      provide: MAIL_TRANSPORT,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => {
        const url = config.get('SMTP_URL', { infer: true });
        return url ? createTransport(url) : null;
      },
    },
    {
      provide: MAIL_FROM,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => config.get('MAIL_FROM', { infer: true }),
    },
    {
      provide: MAIL_MAX_ATTEMPTS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        config.get('EMAIL_MAX_ATTEMPTS', { infer: true }),
    },
  ],
  exports: [
    // The worker folds the dashboard's summaries through it.
    ProjectionRepository,
    RecommendationActivities,
    SlaActivities,
    MailActivities,
    ReportActivities,
    CadreReportActivities,
    ReorganizationActivities,
    ScMeetingActivities,
    MeetingCalendarActivities,
  ],
})
export class ActivitiesModule {}

/** Binds every public method of the activity services, so DI stays in Nest and Temporal sees functions. */
export function bindActivities(
  ...services: object[]
): Record<string, (...args: unknown[]) => Promise<unknown>> {
  const bound: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const service of services) {
    const proto = Object.getPrototypeOf(service);
    for (const name of Object.getOwnPropertyNames(proto)) {
      const member = proto[name];
      if (name === 'constructor' || typeof member !== 'function' || name.startsWith('_')) continue;
      if (bound[name]) throw new Error(`activity "${name}" is defined twice`);
      bound[name] = member.bind(service);
    }
  }
  return bound;
}
