import * as fs from 'node:fs';
import { dropDatabase } from '../../scripts/lib/postgres';
import { recordReplayHistories } from './replay-histories';
import type { TestServers } from './servers';

export default async function globalTeardown(): Promise<void> {
  const servers = (globalThis as { __NGK_SERVERS__?: TestServers }).__NGK_SERVERS__;
  if (!servers) return;
  if (process.env.NGK_RECORD_REPLAY === '1') {
    await recordReplayHistories(servers.temporal.address, (line) => console.log(`[test teardown] ${line}`));
  }
  await servers.temporal.stop();
  await dropDatabase(servers.adminUrl, servers.databaseName);
  await servers.postgres.stop();
  fs.rmSync(servers.workDir, { recursive: true, force: true });
}
