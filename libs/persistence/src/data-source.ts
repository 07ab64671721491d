import { DataSource, type DataSourceOptions } from 'typeorm';
import { GuardedClient } from './guarded-client';
import { MIGRATIONS } from './migrations';

/** Options shared by the apps, the scripts and the tests. Schema changes go through migrations only. */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  const { extra: pool, ...rest } = extra as Partial<DataSourceOptions> & { extra?: Record<string, unknown> };
  return {
    type: 'postgres',
    url,
    // No entity classes: every statement is SQL in a repository, against the schema the migrations make.
    entities: [],
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    ...rest,
    // The pool's own settings; every connection of it is a GuardedClient.
    extra: { max: 10, application_name: 'ngk', ...pool, Client: GuardedClient },
  } as DataSourceOptions;
}

export function createDataSource(url: string, extra: Partial<DataSourceOptions> = {}): DataSource {
  return new DataSource(dataSourceOptions(url, extra));
}
