// Global setup runs outside Jest's module registry: resolve the @ngk/* aliases from tsconfig.json.
import 'tsconfig-paths/register';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { searchAttributeRegistrations } from '@ngk/temporal';
import { migrateDatabase } from '../../scripts/lib/database';
import { provideDatabase, providePostgres } from '../../scripts/lib/postgres';
import { provideTemporal } from '../../scripts/lib/temporal';
import { ensureTemporalServer } from '../../scripts/lib/temporal-native';
import { workflowSource } from '../../apps/worker/src/temporal-worker.service';
import type { TestServers } from './servers';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Real servers for the integration project: a Temporal dev server on free ports (in memory) and a fresh
 * PostgreSQL database, migrated and seeded. Tests find them through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const log = (line: string) => console.log(`[test setup] ${line}`);
  const started = Date.now();
  const postgres = await providePostgres(log);
  // test/server/ runs the real server whatever NGK_TEMPORAL says: build it once here, outside any timeout.
  await ensureTemporalServer(log);
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  // NGK_TEMPORAL=server runs the real server on databases of this run's own, dropped at teardown.
  const temporal = await provideTemporal({
    postgresAdminUrl: postgres.adminUrl,
    name: `ngk_temporal_${runId}`,
    keepState: false,
    searchAttributes: searchAttributeRegistrations(),
    log,
  });
  const databaseName = `ngk_test_${runId}`;
  // Migrated as the owner; the apps, and the tests' own queries, use the apps' role, as in production.
  const urls = await provideDatabase(postgres, databaseName);
  await migrateDatabase(urls, { seed: true, demo: true });

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ngk-test-'));
  const bundlePath = path.join(workDir, 'workflow-bundle.js');
  const { code } = await bundleWorkflowCode({
    ...workflowSource(undefined).bundlerOptions,
    workflowsPath: path.join(ROOT, 'workflows'),
    logger: new DefaultLogger('WARN'),
  });
  fs.writeFileSync(bundlePath, code);

  Object.assign(process.env, {
    DATABASE_URL: urls.app,
    // For the tests that create databases of their own or must act as the owner.
    DATABASE_MIGRATION_URL: urls.owner,
    TEMPORAL_ADDRESS: temporal.address,
    WORKFLOW_BUNDLE_PATH: bundlePath,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    // A fresh signing secret per run: no token outlives the test run that issued it.
    JWT_SECRET: randomBytes(32).toString('hex'),
    // A test file signs each user in once, and may run longer than a browser's 15-minute token.
    JWT_TTL_SECONDS: String(8 * 3600),
    // Suites submit and act as one user far faster than a person; the caps' own tests lower them again.
    SUBMISSIONS_PER_USER_PER_MINUTE: '100000',
    ACTIONS_PER_USER_PER_MINUTE: '100000',
    ACTIONS_PER_ITEM_PER_DAY: '10000',
  });
  const servers: TestServers = { postgres, temporal, adminUrl: postgres.adminUrl, databaseName, workDir };
  (globalThis as { __NGK_SERVERS__?: TestServers }).__NGK_SERVERS__ = servers;
  log(
    `ready in ${((Date.now() - started) / 1000).toFixed(1)} s: database ${databaseName}, Temporal ${temporal.kind} ${temporal.address}`,
  );
}
