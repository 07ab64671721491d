import type { PostgresServer } from '../../scripts/lib/postgres';
import type { ProvidedTemporal } from '../../scripts/lib/temporal';

/** What global setup started and global teardown stops (same process, shared through globalThis). */
export interface TestServers {
  postgres: PostgresServer;
  temporal: ProvidedTemporal;
  adminUrl: string;
  databaseName: string;
  workDir: string;
}
