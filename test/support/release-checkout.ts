import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../scripts/lib/free-port';
import { previousRelease, type ResolvedRelease } from '../../scripts/lib/releases';
import { stopChild } from '../../scripts/lib/stop-child';
import { spawnWorkerProcess } from '../../scripts/lib/worker-process';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);
/** How the sources of a checkout run without a build, as `spawnWorker` runs the current ones. */
const FROM_SOURCES = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];

/** A release checked out beside this one (a git worktree), whose apps run from their own sources. */
export interface ReleaseCheckout {
  release: ResolvedRelease;
  dir: string;
  /** `shared`: the release's lock file is this checkout's, so it runs on these node_modules. */
  modules: 'shared' | 'installed';
  /** `scripts/migrate.ts --seed` of the release, with its demo accounts, as its deployment ran it. */
  migrate(env: NodeJS.ProcessEnv): Promise<void>;
  /** The release's worker in its own process, bundling the release's workflow code; resolves once it polls. */
  spawnWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess>;
  /** The release's API in its own process on a free port; resolves with its base URL once it answers. */
  spawnApi(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }>;
  /** Removes the worktree; what still runs from it is stopped first. */
  remove(): Promise<void>;
}

/**
 * The previous release (CHANGELOG.md: its tag, or the commit it records) as a git worktree in a temporary
 * directory. Its node_modules are this checkout's when the lock files match, else `npm ci` installs them.
 */
export async function checkoutPreviousRelease(log: (line: string) => void): Promise<ReleaseCheckout> {
  const release = previousRelease(ROOT);
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'ngk-release-'));
  const dir = path.join(parent, `v${release.version}`);
  await run('git', ['worktree', 'add', '--detach', dir, release.commit], { cwd: ROOT });
  const children = new Set<ChildProcess>();
  const remove = async () => {
    await Promise.all([...children].map((child) => stopChild(child, 5_000)));
    // The link first, so nothing that removes the worktree can reach into this checkout's modules.
    const modules = path.join(dir, 'node_modules');
    if (fs.lstatSync(modules, { throwIfNoEntry: false })?.isSymbolicLink()) fs.unlinkSync(modules);
    await run('git', ['worktree', 'remove', '--force', dir], { cwd: ROOT }).catch(() => undefined);
    await run('git', ['worktree', 'prune'], { cwd: ROOT }).catch(() => undefined);
    fs.rmSync(parent, { recursive: true, force: true });
  };
  let modules: ReleaseCheckout['modules'];
  try {
    const lock = (file: string) => fs.readFileSync(file, 'utf8');
    if (lock(path.join(dir, 'package-lock.json')) === lock(path.join(ROOT, 'package-lock.json'))) {
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
      modules = 'shared';
    } else {
      log(`release ${release.version} locks other packages: npm ci in its checkout`);
      await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], {
        cwd: dir,
        maxBuffer: 64 << 20,
      });
      modules = 'installed';
    }
  } catch (err) {
    await remove();
    throw err;
  }
  const envOf = (env: NodeJS.ProcessEnv) => {
    // The release bundles its own workflow code: never the bundle global setup built from this one.
    const { WORKFLOW_BUNDLE_PATH: _bundle, ...rest } = env;
    return rest;
  };
  const track = (child: ChildProcess) => {
    children.add(child);
    child.once('exit', () => children.delete(child));
    return child;
  };

  return {
    release,
    dir,
    modules,
    async migrate(env) {
      await run(process.execPath, [...FROM_SOURCES, 'scripts/migrate.ts', '--seed'], {
        cwd: dir,
        env: { ...envOf(env), NGK_DEMO: '1' },
      });
    },
    async spawnWorker(env) {
      return track(await spawnWorkerProcess([...FROM_SOURCES, 'apps/worker/src/main.ts'], envOf(env), dir));
    },
    async spawnApi(env) {
      const port = await freePort();
      const child = track(
        spawn(process.execPath, [...FROM_SOURCES, 'apps/api/src/main.ts'], {
          cwd: dir,
          env: { ...envOf(env), HOST: '127.0.0.1', PORT: String(port) },
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      );
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const url = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 90_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`API of ${release.version} exited:\n${output}`);
        const live = await fetch(`${url}/health/live`).catch(() => null);
        if (live?.ok) return { child, url };
        if (Date.now() > deadline) throw new Error(`API of ${release.version} did not answer:\n${output}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    remove,
  };
}
