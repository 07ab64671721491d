import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client } from '@temporalio/client';
import type { Environment } from '@ngk/config';
import { ensureQuarterlyReportSchedule } from '@ngk/temporal';

/** Makes sure the quarterly report's Schedule exists whenever a worker starts. */
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
  }
}
