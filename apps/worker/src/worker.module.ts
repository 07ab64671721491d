import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { ActivitiesModule } from '@ngk/activities';
import { validateEnvironment } from '@ngk/config';
import { PersistenceModule } from '@ngk/persistence';
import { TemporalModule } from '@ngk/temporal';
import { workerLogger } from './logger';
import { ReportScheduleService } from './report-schedule.service';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, ignoreEnvFile: true }),
    LoggerModule.forRoot({ pinoHttp: { logger: workerLogger() } }),
    PersistenceModule,
    ActivitiesModule,
    TemporalModule,
  ],
  providers: [TemporalWorkerService, ReportScheduleService],
})
export class WorkerModule {}
