import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { ServeStaticModule } from '@nestjs/serve-static';
import { LoggerModule } from 'nestjs-pino';
import * as path from 'node:path';
import { logSettingsFrom, validateEnvironment, type Environment } from '@ngk/config';
import { PersistenceModule } from '@ngk/persistence';
import { TemporalModule } from '@ngk/temporal';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { CadreReportsModule } from './cadre-reports/cadre-reports.module';
import { CadreRecordsModule } from './cadre-records/cadre-records.module';
import { CalendarModule } from './calendar/calendar.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { AccessGuard } from './common/actor';
import { ErrorResponseFilter } from './common/error-response.filter';
import { apiLoggerParams } from './common/logging';
import { HealthModule } from './health/health.module';
import { MeetingsModule } from './meetings/meetings.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { RecommendationsModule } from './recommendations/recommendations.module';
import { ReferenceDataModule } from './reference-data/reference-data.module';
import { ReportsModule } from './reports/reports.module';
import { ReorganizationsModule } from './reorganizations/reorganizations.module';
import { ResponseTemplatesModule } from './response-templates/response-templates.module';
import { ScMeetingsModule } from './sc-meetings/sc-meetings.module';

/** The static web UI; the build copies it beside the compiled app. */
const PUBLIC_DIR = path.resolve(__dirname, '../public');

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, ignoreEnvFile: true }),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => apiLoggerParams(logSettingsFrom(config)),
    }),
    ServeStaticModule.forRoot({
      rootPath: PUBLIC_DIR,
      exclude: ['/api/{*path}', '/health', '/health/{*path}', '/metrics'],
    }),
    // A request's query is bounded, so a slow one answers 503 instead of holding a connection.
    PersistenceModule.forRoot({ boundStatements: true }),
    TemporalModule,
    HealthModule,
    MetricsModule,
    AuthModule,
    ReferenceDataModule,
    CalendarModule,
    RecommendationsModule,
    NotificationsModule,
    AdminModule,
    DashboardModule,
    ReportsModule,
    ReorganizationsModule,
    ResponseTemplatesModule,
    CadreReportsModule,
    MeetingsModule,
    CadreRecordsModule,
    ScMeetingsModule,
  ],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_FILTER, useClass: ErrorResponseFilter },
  ],
})
export class AppModule {}
