import { Connection, type ConnectionOptions } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir } from './cache-dir';
import { freePort, waitForPort } from './free-port';
import { ensureDir, findOnPath, goInstall, isExecutable } from './go-build';

/** Newest Temporal CLI release whose go.mod has no `replace`, so `go install …@version` accepts it. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';

/** The dev server refuses update-with-start and updates unless these are on. */
const DYNAMIC_CONFIG = [
  'frontend.enableUpdateWorkflowExecution=true',
  'frontend.enableExecuteMultiOperation=true',
  'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
];

type Log = (line: string) => void;

/**
 * Finds the `temporal` CLI: TEMPORAL_CLI, then PATH, then the user cache. When none exists it is built
 * once into the cache from its Go module; a cached binary is never rebuilt.
 */
export async function ensureTemporalCli(log: Log = console.log): Promise<string> {
  if (process.env.TEMPORAL_CLI) return process.env.TEMPORAL_CLI;
  const onPath = findOnPath('temporal');
  if (onPath) return onPath;
  const cached = path.join(cacheDir(), 'temporal');
  if (isExecutable(cached)) return cached;
  await goInstall({
    what: 'the Temporal CLI',
    packages: [`${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}`],
    binaries: { temporal: 'temporal' },
    targetDir: path.dirname(cached),
    log,
  });
  return cached;
}

export interface DevServerOptions {
  /** SQLite file for state that survives a restart; in memory when absent. */
  dbFile?: string;
  port?: number;
  uiPort?: number;
  /** `NAME=Type` pairs to register. */
  searchAttributes?: string[];
  /** Where the server's own output goes; discarded when absent. */
  logFile?: string;
  log?: Log;
}

/** A Temporal server that a script or the tests started, whichever kind. */
export interface TemporalServer {
  kind: 'dev' | 'server';
  address: string;
  /** The Temporal Web UI; empty when this kind runs none. */
  uiUrl: string;
  /** The server's processes now, for measuring what they cost. */
  pids(): number[];
  /** Its Prometheus metrics (persistence and task queue latencies), for the benches. */
  metricsUrl: string;
  stop(): Promise<void>;
}

export interface DevServer extends TemporalServer {
  process: ChildProcess;
}

/**
 * Starts `temporal server start-dev` on 127.0.0.1 and resolves once its frontend accepts connections.
 * Its ports are probed free just before it starts, so another process may take one first: a server that
 * exits before it is ready is started again on new ports, twice at most, when no port was asked for.
 */
export async function startTemporalDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const attempts = options.port === undefined && options.uiPort === undefined ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDevServerOnce(options);
    } catch (err) {
      if (!(err instanceof ExitedEarly) || attempt >= attempts) throw err;
      (options.log ?? console.log)(`${err.message}: starting it again on other ports`);
    }
  }
}

/** The server process ended before its frontend answered. */
class ExitedEarly extends Error {}

async function startDevServerOnce(options: DevServerOptions): Promise<DevServer> {
  const log = options.log ?? console.log;
  const binary = await ensureTemporalCli(log);
  const port = options.port ?? (await freePort());
  const uiPort = options.uiPort ?? (await freePort());
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--ui-port',
    String(uiPort),
  ];
  const metricsPort = await freePort();
  args.push('--http-port', String(await freePort()), '--metrics-port', String(metricsPort));
  args.push('--log-level', 'warn');
  if (options.dbFile) {
    ensureDir(options.dbFile);
    args.push('--db-filename', options.dbFile);
    // One shard on one SQLite connection: without WAL every write waits on an fsync.
    args.push('--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL');
  }
  for (const value of DYNAMIC_CONFIG) args.push('--dynamic-config-value', value);
  for (const attribute of options.searchAttributes ?? []) args.push('--search-attribute', attribute);

  const output = options.logFile ? fs.openSync(ensureDir(options.logFile), 'a') : 'ignore';
  const child = spawn(binary, args, { stdio: ['ignore', output, output], detached: false });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Never outlive the process that started the server, even when it exits without stopping it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  try {
    await Promise.race([
      waitForPort('127.0.0.1', port, 60_000).then(() =>
        waitForNamespace(`127.0.0.1:${port}`, 'default', 60_000),
      ),
      exited.then((code) => {
        throw new ExitedEarly(
          `temporal server exited with code ${code} before it was ready` +
            (options.logFile ? `; see ${options.logFile}` : ''),
        );
      }),
    ]);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    kind: 'dev',
    address: `127.0.0.1:${port}`,
    uiUrl: `http://127.0.0.1:${uiPort}`,
    process: child,
    pids: () => (child.pid && child.exitCode === null ? [child.pid] : []),
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The port opens before the namespace exists; ready means the default namespace answers. */
export async function waitForNamespace(
  address: string,
  namespace: string,
  timeoutMs: number,
  tls?: ConnectionOptions['tls'],
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let connection: Connection | undefined;
  try {
    for (;;) {
      try {
        // The first connection, too, may take the whole deadline: a server restarted on a busy machine
        // may not take one within the client's default of 10 s.
        connection ??= await Connection.connect({
          address,
          tls,
          connectTimeout: Math.max(1_000, deadline - Date.now()),
        });
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } finally {
    await connection?.close();
  }
}
