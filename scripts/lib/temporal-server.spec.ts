import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureTemporalCli } from './temporal-server';

describe('ensureTemporalCli', () => {
  const saved = { ...process.env };
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ngk-cli-'));
    delete process.env.TEMPORAL_CLI;
    process.env.XDG_CACHE_HOME = path.join(dir, 'cache');
    process.env.PATH = path.join(dir, 'bin'); // no temporal, no go
  });

  afterEach(() => {
    process.env = { ...saved };
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const executable = (file: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
    return file;
  };

  it('prefers TEMPORAL_CLI', async () => {
    process.env.TEMPORAL_CLI = '/opt/temporal';
    expect(await ensureTemporalCli(() => undefined)).toBe('/opt/temporal');
  });

  it('uses a temporal found on PATH', async () => {
    const onPath = executable(path.join(dir, 'bin', 'temporal'));
    executable(path.join(dir, 'cache', 'ngk', 'temporal'));
    expect(await ensureTemporalCli(() => undefined)).toBe(onPath);
  });

  it('uses the cached binary and never rebuilds it', async () => {
    const cached = executable(path.join(dir, 'cache', 'ngk', 'temporal'));
    const log = jest.fn();
    expect(await ensureTemporalCli(log)).toBe(cached);
    expect(log).not.toHaveBeenCalled();
  });
});
