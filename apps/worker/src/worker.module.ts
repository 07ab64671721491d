import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { ActivitiesModule } from '@ngk/activities';
import { logSettingsFrom, validateEnvironment, type Environment } from '@ngk/config';
import { PersistenceModule } from '@ngk/persistence';
import { TemporalModule } from '@ngk/temporal';
import { workerLogger } from './logger';
import { ReportScheduleService } from './report-schedule.service';
import { StatsFoldService } from './stats-fold.service';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, ignoreEnvFile: true }),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        pinoHttp: { logger: workerLogger(logSettingsFrom(config)) },
      }),
    }),
    // Unbounded: a cancelled statement would only fail the same retried activity (the quarter's report) again.
    PersistenceModule.forRoot({ boundStatements: false }),
    ActivitiesModule,
    TemporalModule,
  ],
  providers: [TemporalWorkerService, ReportScheduleService, StatsFoldService],
})
export class WorkerModule {}
