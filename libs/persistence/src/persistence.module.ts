import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Environment } from '@ngk/config';
import { dataSourceOptions } from './data-source';

export interface PersistenceOptions {
  /** Every statement of the pool is cancelled after DB_STATEMENT_TIMEOUT_MS; see the apps for who bounds. */
  boundStatements: boolean;
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
          useFactory: (config: ConfigService<Environment, true>) =>
            dataSourceOptions(config.get('DATABASE_URL', { infer: true }), {
              extra: {
                max: config.get('DB_POOL_SIZE', { infer: true }),
                application_name: 'ngk',
                connectionTimeoutMillis: 5000,
                ...(options.boundStatements
                  ? { statement_timeout: config.get('DB_STATEMENT_TIMEOUT_MS', { infer: true }) }
                  : {}),
              },
            }),
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
