import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

type Log = (line: string) => void;

export interface GoInstall {
  /** What a person reads in the progress lines, e.g. "the Temporal CLI". */
  what: string;
  /** `module/path@version` packages, each built into a binary named after its last path element. */
  packages: string[];
  /** Binary name as Go builds it → name in the target folder. */
  binaries: Record<string, string>;
  targetDir: string;
  log: Log;
}

/**
 * Builds Go programs from their modules into a cache folder. It builds into a private folder and moves
 * each binary into place, so an interrupted build never leaves a broken binary to be mistaken for a good one.
 */
export async function goInstall(build: GoInstall): Promise<void> {
  const goBin = findOnPath('go') ?? (isExecutable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : null);
  if (!goBin) {
    throw new Error(
      `${build.what} is not cached, and Go is not installed to build it. Install Go 1.25+, ` +
        'or set TEMPORAL_ADDRESS to a running Temporal server.',
    );
  }
  fs.mkdirSync(build.targetDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(build.targetDir, '.build-'));
  build.log(`${build.what} not found: building ${build.packages.join(' ')} with Go into ${build.targetDir}`);
  build.log('This happens once per machine and takes several minutes; later runs use the cached binary.');
  const started = Date.now();
  const ticker = setInterval(
    () => build.log(`  … still building ${build.what} (${Math.round((Date.now() - started) / 1000)} s)`),
    20_000,
  );
  try {
    const go = spawn(goBin, ['install', '-ldflags=-s -w', ...build.packages], {
      env: { ...process.env, GOBIN: staging, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      go.once('error', reject);
      go.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`go install of ${build.what} failed with exit code ${code}`);
    for (const [built, name] of Object.entries(build.binaries)) {
      fs.renameSync(path.join(staging, built), path.join(build.targetDir, name));
    }
  } finally {
    clearInterval(ticker);
    fs.rmSync(staging, { recursive: true, force: true });
  }
  const sizes = Object.values(build.binaries).map(
    (name) => `${name} ${Math.round(fs.statSync(path.join(build.targetDir, name)).size / 2 ** 20)} MiB`,
  );
  build.log(`${build.what} built in ${Math.round((Date.now() - started) / 1000)} s (${sizes.join(', ')})`);
}

/** The folder of a Go module's sources at a version, downloading it into Go's module cache when needed. */
export async function goModuleDir(moduleAtVersion: string): Promise<string> {
  const goBin = findOnPath('go') ?? '/usr/local/go/bin/go';
  const go = spawn(goBin, ['mod', 'download', '-json', moduleAtVersion], {
    env: { ...process.env, GOFLAGS: '-mod=mod' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  go.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    go.once('error', reject);
    go.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`go mod download ${moduleAtVersion} failed with exit code ${code}`);
  return (JSON.parse(out) as { Dir: string }).Dir;
}

export function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function ensureDir(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}
