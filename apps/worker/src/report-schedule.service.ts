import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client } from '@temporalio/client';
import type { Environment } from '@ngk/config';
import {
  ensureCadreReportSchedule,
  ensureMeetingCalendarSchedule,
  ensureNotificationDigestSchedule,
  ensureQuarterlyReportSchedule,
} from '@ngk/temporal';

/** Makes sure the quarterly report's, the daily digest's and the cadre reports' Schedules exist whenever a worker starts. */
@Injectable()
export class ReportScheduleService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportScheduleService.name);

  constructor(
    private readonly client: Client,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const taskQueue = this.config.get('TEMPORAL_TASK_QUEUE', { infer: true });
    const outcome = await ensureQuarterlyReportSchedule(this.client, taskQueue);
    this.logger.log(`quarterly report schedule ${outcome === 'created' ? 'created' : 'already in place'}`);
    const digest = await ensureNotificationDigestSchedule(this.client, taskQueue);
    this.logger.log(`notification digest schedule ${digest === 'created' ? 'created' : 'already in place'}`);
    const cadre = await ensureCadreReportSchedule(this.client, taskQueue);
    this.logger.log(`cadre report schedule ${cadre === 'created' ? 'created' : 'already in place'}`);
    const meetings = await ensureMeetingCalendarSchedule(this.client, taskQueue);
    this.logger.log(`meeting calendar schedule ${meetings === 'created' ? 'created' : 'already in place'}`);
  }
}
