import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Environment } from '@ngk/config';
import { dataSourceOptions } from './data-source';

/** TypeORM wired from validated configuration. Migrations are applied by the scripts, never synchronize. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        dataSourceOptions(config.get('DATABASE_URL', { infer: true }), {
          extra: { max: 10, application_name: 'ngk', connectionTimeoutMillis: 5000 },
        }),
    }),
  ],
  exports: [TypeOrmModule],
})
export class PersistenceModule {}
