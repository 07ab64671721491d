import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { searchAttributeRegistrations } from '@ngk/temporal';
import { dropDatabase } from '../../scripts/lib/postgres';
import { provideTemporal, type ProvidedTemporal } from '../../scripts/lib/temporal';
import { useApps } from './apps';
import { testPostgres } from './fixtures';
import {
  startNativeTemporal,
  type NativeServer,
  type NativeServerOptions,
} from '../../scripts/lib/temporal-native';

/**
 * A real Temporal server of the test file's own, on databases of its own in the test PostgreSQL, whatever
 * NGK_TEMPORAL says: for the tests of the production topology (split services, mTLS, backup). The apps'
 * environment points at it, with a task queue of its own; both are restored and the databases dropped after.
 */
export function useOwnTemporalServer(
  label: string,
  options: Partial<Pick<NativeServerOptions, 'split' | 'tls'>> | (() => Partial<NativeServerOptions>) = {},
) {
  const adminUrl = () => testPostgres().adminUrl;
  const name = `ngk_temporal_${label.replace(/\W/g, '_')}_${process.pid}_${Date.now().toString(36)}`;
  const databases = { temporal: name, visibility: `${name}_visibility` };
  const rootDir = fs.mkdtempSync(path.join(os.tmpdir(), `ngk-${label}-`));
  const saved = {
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: process.env.TEMPORAL_TASK_QUEUE,
  };
  const own: { server?: NativeServer } = {};
  beforeAll(async () => {
    own.server = await startNativeTemporal({
      postgresAdminUrl: adminUrl(),
      databases,
      rootDir,
      log: () => undefined,
      ...(typeof options === 'function' ? options() : options),
    });
    Object.assign(process.env, { TEMPORAL_ADDRESS: own.server.address, TEMPORAL_TASK_QUEUE: `ngk-${label}` });
  }, 300_000);
  afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await own.server?.stop();
    await dropDatabase(adminUrl(), databases.temporal);
    await dropDatabase(adminUrl(), databases.visibility);
    fs.rmSync(rootDir, { recursive: true, force: true });
  });
  return {
    get server() {
      return own.server!;
    },
    databases,
    rootDir,
    adminUrl,
  };
}

/**
 * The apps (API and worker) on a Temporal of the test file's own, of the kind NGK_TEMPORAL names, that
 * the test may stop and start again on the same state (`temporal.restart`). The apps come from useApps,
 * pointed at it with a task queue of their own and `env` besides (read when they start); the server
 * stops after they have closed.
 */
export function useAppsOnOwnTemporal(label: string, env: () => Record<string, string> = () => ({})) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ngk-${label}-`));
  const own: { temporal?: ProvidedTemporal } = {};
  beforeAll(async () => {
    own.temporal = await provideTemporal({
      postgresAdminUrl: testPostgres().adminUrl,
      name: `ngk_${label.replace(/\W/g, '_')}_${process.pid}_${Date.now().toString(36)}`,
      stateDir: dir,
      keepState: false,
      searchAttributes: searchAttributeRegistrations(),
      log: () => undefined,
    });
  });
  // Declared after the server's beforeAll and before its afterAll: the apps start once it runs, and
  // close before it stops (Jest runs both kinds of hook in the order they are declared).
  const apps = useApps({
    env: () => ({ TEMPORAL_ADDRESS: own.temporal!.address, TEMPORAL_TASK_QUEUE: `ngk-${label}`, ...env() }),
  });
  afterAll(async () => {
    await own.temporal?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    get temporal() {
      return own.temporal!;
    },
    get api() {
      return apps.api;
    },
  };
}
