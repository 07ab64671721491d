import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir } from './cache-dir';
import { freeLowPort, waitForPort } from './free-port';
import { goInstall, goModuleDir, isExecutable } from './go-build';
import {
  TEMPORAL_SERVICES,
  temporalServerConfig,
  type ServerTls,
  type TemporalService,
} from './temporal-config';
import { stopChild } from './stop-child';
import { ensureTemporalCli, waitForNamespace, type TemporalServer } from './temporal-server';

/** The server the CLI embeds: the same code path the dev server proved, on PostgreSQL. */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
const SERVER_MODULE = 'go.temporal.io/server';

/** The files under `deploy/` this mode runs as they are; compose's Temporal services run the same ones. */
export const DEPLOY_FILES = {
  schemaScript: 'temporal-schema.sh',
  namespaceScript: 'temporal-namespace.sh',
  dynamicConfig: 'temporal-dynamic-config.yaml',
} as const;

type Log = (line: string) => void;

export interface TemporalServerBinaries {
  server: string;
  sqlTool: string;
  /** Holds `postgresql/v12/{temporal,visibility}/versioned`, as in the server's module and admin-tools. */
  schemaDir: string;
}

/**
 * The server and temporal-sql-tool, built once from the server's Go module into the cache beside the CLI,
 * with the schema files copied from the same module; a cached build is never rebuilt.
 */
export async function ensureTemporalServer(log: Log = console.log): Promise<TemporalServerBinaries> {
  const dir = path.join(cacheDir(), `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  const found = {
    server: path.join(dir, 'temporal-server'),
    sqlTool: path.join(dir, 'temporal-sql-tool'),
    schemaDir: path.join(dir, 'schema'),
  };
  if (!isExecutable(found.server) || !isExecutable(found.sqlTool)) {
    await goInstall({
      what: 'the Temporal server',
      packages: [
        `${SERVER_MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`,
        `${SERVER_MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
      ],
      binaries: { server: 'temporal-server', sql: 'temporal-sql-tool' },
      targetDir: dir,
      log,
    });
  }
  if (!fs.existsSync(path.join(found.schemaDir, 'postgresql'))) {
    const moduleDir = await goModuleDir(`${SERVER_MODULE}@${TEMPORAL_SERVER_VERSION}`);
    const staging = fs.mkdtempSync(path.join(dir, '.schema-'));
    fs.cpSync(path.join(moduleDir, 'schema', 'postgresql'), path.join(staging, 'postgresql'), {
      recursive: true,
    });
    // The module cache is read-only; the copy must stay removable.
    fs.chmodSync(staging, 0o755);
    fs.renameSync(staging, found.schemaDir);
  }
  return found;
}

/** Runs one of the `deploy/` scripts, the same files compose runs, and passes its lines to the log. */
export async function runDeployScript(
  script: string,
  env: Record<string, string>,
  log: Log,
): Promise<string> {
  const child = spawn('sh', [path.join(deployDir(), script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  for (const line of output.trim().split('\n').filter(Boolean)) log(line);
  if (code !== 0) throw new Error(`deploy/${script} failed with exit code ${code}:\n${output.trim()}`);
  return output;
}

/** `deploy/` in the sources, also when this file runs compiled from `dist/scripts/lib`. */
export function deployDir(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'deploy', DEPLOY_FILES.schemaScript))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('deploy/temporal-schema.sh not found above ' + __dirname);
    dir = parent;
  }
  return path.join(dir, 'deploy');
}

export interface NativeServerOptions {
  /** `postgres://user[:password]@host:port/…` of a role that may create databases. */
  postgresAdminUrl: string;
  databases: { temporal: string; visibility: string };
  /** Where the configuration and the server's log go. */
  rootDir: string;
  /** Default TEMPORAL_HISTORY_SHARDS, else 8. Fixed for the life of the databases. */
  numHistoryShards?: number;
  /** Frontend gRPC port; a free one when absent. */
  port?: number;
  /** Each service in its own process, as a cluster runs them, so one can be killed alone. */
  split?: boolean;
  namespace?: string;
  /** Default TEMPORAL_NAMESPACE_RETENTION, else 720h (30 days). */
  retention?: string;
  tls?: ServerTls & { clientCertFile: string; clientKeyFile: string };
  log?: Log;
}

export interface NativeServer extends TemporalServer {
  /** The running processes by service; one process holds all four unless `split`. */
  processes: Map<TemporalService | 'all', ChildProcess>;
  /** Starts again a service whose process was killed. */
  restart(service: TemporalService | 'all'): Promise<void>;
}

/**
 * The real Temporal server on PostgreSQL: schemas set up by `deploy/temporal-schema.sh`, frontend,
 * history, matching and worker started from the server binary, then the namespace and search attributes
 * registered by `deploy/temporal-namespace.sh`. Resolves once the namespace answers.
 */
export async function startNativeTemporal(options: NativeServerOptions): Promise<NativeServer> {
  const log = options.log ?? console.log;
  const binaries = await ensureTemporalServer(log);
  const cli = await ensureTemporalCli(log);
  const pg = new URL(options.postgresAdminUrl);
  const postgres = {
    host: pg.hostname,
    port: Number(pg.port || 5432),
    user: decodeURIComponent(pg.username || 'postgres'),
    password: decodeURIComponent(pg.password),
  };
  await runDeployScript(
    DEPLOY_FILES.schemaScript,
    {
      POSTGRES_HOST: postgres.host,
      POSTGRES_PORT: String(postgres.port),
      POSTGRES_USER: postgres.user,
      POSTGRES_PASSWORD: postgres.password,
      TEMPORAL_DB: options.databases.temporal,
      TEMPORAL_VISIBILITY_DB: options.databases.visibility,
      TEMPORAL_SQL_TOOL: binaries.sqlTool,
      TEMPORAL_SCHEMA_DIR: binaries.schemaDir,
    },
    log,
  );

  const port = options.port ?? (await freeLowPort());
  const ports = {
    http: await freeLowPort(),
    metrics: await freeLowPort(),
    ...Object.fromEntries(
      await Promise.all(
        TEMPORAL_SERVICES.map(async (s) => [
          s,
          { grpc: s === 'frontend' ? port : await freeLowPort(), membership: await freeLowPort() },
        ]),
      ),
    ),
  } as Parameters<typeof temporalServerConfig>[0]['ports'];
  const configDir = path.join(options.rootDir, 'config');
  fs.mkdirSync(configDir, { recursive: true });
  const config = temporalServerConfig({
    numHistoryShards: options.numHistoryShards ?? Number(process.env.TEMPORAL_HISTORY_SHARDS || 8),
    postgres,
    databases: options.databases,
    ports,
    dynamicConfigFile: path.join(deployDir(), DEPLOY_FILES.dynamicConfig),
    logLevel: 'warn',
    tls: options.tls,
  });
  fs.writeFileSync(path.join(configDir, 'ngk.yaml'), JSON.stringify(config, null, 1));

  const logFile = path.join(options.rootDir, 'temporal-server.log');
  const processes = new Map<TemporalService | 'all', ChildProcess>();
  const spawnService = (service: TemporalService | 'all') => {
    const args = [
      '--root',
      options.rootDir,
      '--config',
      'config',
      '--env',
      'ngk',
      '--allow-no-auth',
      'start',
    ];
    if (service !== 'all') args.push('--service', service);
    const output = fs.openSync(logFile, 'a');
    const child = spawn(binaries.server, args, { stdio: ['ignore', output, output] });
    fs.closeSync(output);
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.off('exit', killOnExit));
    processes.set(service, child);
    return child;
  };
  if (options.split) {
    // Each process writes the cluster's metadata when the database has none: one first, or they collide.
    const first = spawnService('history');
    await Promise.race([
      waitForPort('127.0.0.1', ports.history.grpc, 120_000),
      new Promise((_, reject) =>
        first.once('exit', (code) =>
          reject(new Error(`Temporal server (history) exited with code ${code}: ${lastFatal(logFile)}`)),
        ),
      ),
    ]);
    for (const service of TEMPORAL_SERVICES.filter((s) => s !== 'history')) spawnService(service);
  } else {
    spawnService('all');
  }

  const clientTls = options.tls && {
    serverNameOverride: options.tls.serverName,
    serverRootCACertificate: fs.readFileSync(options.tls.caFile),
    clientCertPair: {
      crt: fs.readFileSync(options.tls.clientCertFile),
      key: fs.readFileSync(options.tls.clientKeyFile),
    },
  };
  const address = `127.0.0.1:${port}`;
  const namespace = options.namespace ?? 'default';
  const stop = async () => {
    await Promise.all([...processes.values()].map((child) => stopChild(child)));
  };
  try {
    const ready = waitForPort('127.0.0.1', port, 120_000).then(async () => {
      await runDeployScript(
        DEPLOY_FILES.namespaceScript,
        {
          TEMPORAL_ADDRESS: address,
          TEMPORAL_NAMESPACE: namespace,
          TEMPORAL_NAMESPACE_RETENTION:
            options.retention ?? (process.env.TEMPORAL_NAMESPACE_RETENTION || '720h'),
          TEMPORAL_CLI: cli,
          ...(options.tls
            ? {
                TEMPORAL_TLS_CLIENT_CERT_PATH: options.tls.clientCertFile,
                TEMPORAL_TLS_CLIENT_KEY_PATH: options.tls.clientKeyFile,
                TEMPORAL_TLS_SERVER_CA_CERT_PATH: options.tls.caFile,
                TEMPORAL_TLS_SERVER_NAME: options.tls.serverName,
              }
            : {}),
        },
        log,
      );
      await waitForNamespace(address, namespace, 120_000, clientTls);
    });
    const died = Promise.race(
      [...processes.entries()].map(
        ([service, child]) =>
          new Promise<never>((_, reject) =>
            child.once('exit', (code) =>
              reject(
                new Error(
                  `Temporal server (${service}) exited with code ${code} before it was ready: ${lastFatal(logFile)}`,
                ),
              ),
            ),
          ),
      ),
    );
    died.catch(() => undefined);
    await Promise.race([ready, died]);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    kind: 'server',
    address,
    uiUrl: '',
    metricsUrl: `http://127.0.0.1:${ports.metrics}/metrics`,
    processes,
    pids: () =>
      [...processes.values()].filter((c) => c.exitCode === null && c.signalCode === null).map((c) => c.pid!),
    async restart(service) {
      spawnService(service);
      // The port opens before the frontend serves: ready means the namespace answers, as at start.
      if (service === 'frontend' || service === 'all') {
        await waitForPort('127.0.0.1', port, 120_000);
        await waitForNamespace(address, namespace, 120_000, clientTls);
      }
    },
    stop,
  };
}

/** The server's own reason for stopping: its last fatal or error line (the log file may be gone soon). */
function lastFatal(logFile: string): string {
  const lines = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').trim().split('\n') : [];
  const reason =
    [...lines].reverse().find((line) => /"level":"(fatal|error)"/.test(line)) ?? lines.at(-1) ?? '';
  try {
    const entry = JSON.parse(reason) as { msg?: string; error?: string };
    return [entry.msg, entry.error].filter(Boolean).join(': ');
  } catch {
    return reason.slice(0, 500) || `no output in ${logFile}`;
  }
}
