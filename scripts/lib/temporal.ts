import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freeLowPort, freePort } from './free-port';
import { dropDatabase } from './postgres';
import { startNativeTemporal } from './temporal-native';
import { startTemporalDevServer, type TemporalServer } from './temporal-server';

/**
 * Which Temporal the scripts and tests start: `dev`, the CLI's dev server (one process, one shard,
 * SQLite), or `server`, the real server on PostgreSQL with several history shards, as a province runs it.
 */
export type TemporalMode = 'dev' | 'server';

export function temporalMode(env: NodeJS.ProcessEnv = process.env): TemporalMode {
  const mode = env.NGK_TEMPORAL || 'dev';
  if (mode !== 'dev' && mode !== 'server') {
    throw new Error(
      `NGK_TEMPORAL must be dev (the CLI's dev server) or server (the real server), not "${mode}"`,
    );
  }
  return mode;
}

export interface ProvideTemporalOptions {
  /** PostgreSQL role that may create databases; the real server keeps its state there. */
  postgresAdminUrl: string;
  /**
   * Names the state: the dev server's `<stateDir>/<name>.sqlite` (in memory without a stateDir), the real
   * server's databases `<name>` and `<name>_visibility`.
   */
  name: string;
  stateDir?: string;
  /** The real server's databases outlive stop() (`up`); otherwise they are dropped then (tests). */
  keepState: boolean;
  port?: number;
  uiPort?: number;
  searchAttributes: string[];
  logFile?: string;
  log: (line: string) => void;
}

export interface ProvidedTemporal extends TemporalServer {
  /**
   * Stops the server and starts it again on the same state and port, as an operator's restart does;
   * `whileDown` runs in between.
   */
  restart(whileDown?: () => Promise<unknown>): Promise<void>;
}

/** Starts the Temporal that NGK_TEMPORAL names, with NGK's namespace and search attributes ready. */
export async function provideTemporal(options: ProvideTemporalOptions): Promise<ProvidedTemporal> {
  const mode = temporalMode();
  // The real server's ports must fit its membership table (below 32768).
  const port = options.port ?? (mode === 'server' ? await freeLowPort() : await freePort());
  const databases = { temporal: options.name, visibility: `${options.name}_visibility` };
  // The real server's configuration and log; the dev server needs none.
  const rootDir =
    mode === 'dev'
      ? ''
      : options.stateDir
        ? path.join(options.stateDir, options.name)
        : fs.mkdtempSync(path.join(os.tmpdir(), 'ngk-temporal-'));
  const start = async (): Promise<TemporalServer> => {
    if (mode === 'dev') {
      return startTemporalDevServer({
        dbFile: options.stateDir ? path.join(options.stateDir, `${options.name}.sqlite`) : undefined,
        port,
        uiPort: options.uiPort,
        searchAttributes: options.searchAttributes,
        logFile: options.logFile,
        log: options.log,
      });
    }
    const server = await startNativeTemporal({
      postgresAdminUrl: options.postgresAdminUrl,
      databases,
      rootDir,
      port,
      log: options.log,
    });
    options.log(
      `Temporal server ${server.address} on PostgreSQL (${databases.temporal}), metrics ${server.metricsUrl}`,
    );
    return server;
  };
  let server = await start();
  return {
    kind: mode,
    address: server.address,
    uiUrl: server.uiUrl,
    pids: () => server.pids(),
    get metricsUrl() {
      return server.metricsUrl;
    },
    async restart(whileDown) {
      await server.stop();
      await whileDown?.();
      server = await start();
    },
    async stop() {
      await server.stop();
      if (mode === 'dev') return;
      if (!options.keepState) {
        await dropDatabase(options.postgresAdminUrl, databases.temporal);
        await dropDatabase(options.postgresAdminUrl, databases.visibility);
      }
      if (!options.stateDir) fs.rmSync(rootDir, { recursive: true, force: true });
    },
  };
}
