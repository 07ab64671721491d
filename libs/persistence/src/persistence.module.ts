import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import type { Environment } from '@ngk/config';
import { dataSourceOptions } from './data-source';

/** How long an app's idle PostgreSQL session stays open: five minutes. */
export const POOL_IDLE_TIMEOUT_MS = 5 * 60_000;

export interface PersistenceOptions {
  /** Every statement of the pool is cancelled after DB_STATEMENT_TIMEOUT_MS; see the apps for who bounds. */
  boundStatements: boolean;
}

/** The apps' data source: their pool, sized and bounded by the validated configuration. */
export function appDataSourceOptions(
  config: ConfigService<Environment, true>,
  options: PersistenceOptions,
): DataSourceOptions {
  return dataSourceOptions(config.get('DATABASE_URL', { infer: true }), {
    extra: {
      max: config.get('DB_POOL_SIZE', { infer: true }),
      application_name: 'ngk',
      connectionTimeoutMillis: 5000,
      // A session is kept through a quiet spell, not closed after node-postgres's 10 s: a new one costs
      // PostgreSQL a process, its caches and every statement planned again.
      idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS,
      ...(options.boundStatements
        ? { statement_timeout: config.get('DB_STATEMENT_TIMEOUT_MS', { infer: true }) }
        : {}),
    },
  });
}

/** TypeORM wired from validated configuration. Migrations are applied by the scripts, never synchronize. */
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<Environment, true>) => appDataSourceOptions(config, options),
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
