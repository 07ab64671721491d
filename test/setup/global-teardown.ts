import * as fs from 'node:fs';
import { dropDatabase } from '../../scripts/lib/postgres';
import type { TestServers } from './servers';

export default async function globalTeardown(): Promise<void> {
  const servers = (globalThis as { __NGK_SERVERS__?: TestServers }).__NGK_SERVERS__;
  if (!servers) return;
  await servers.temporal.stop();
  await dropDatabase(servers.adminUrl, servers.databaseName);
  await servers.postgres.stop();
  fs.rmSync(servers.workDir, { recursive: true, force: true });
}
