import type { PostgresServer } from '../../scripts/lib/postgres';
import type { DevServer } from '../../scripts/lib/temporal-server';

/** What global setup started and global teardown stops (same process, shared through globalThis). */
export interface TestServers {
  postgres: PostgresServer;
  temporal: DevServer;
  adminUrl: string;
  databaseName: string;
  workDir: string;
}
