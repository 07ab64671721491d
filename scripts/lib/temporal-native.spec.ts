import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureTemporalServer, TEMPORAL_SERVER_VERSION } from './temporal-native';

describe('ensureTemporalServer', () => {
  const saved = { ...process.env };
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ngk-server-'));
    process.env.XDG_CACHE_HOME = dir;
    process.env.PATH = path.join(dir, 'bin'); // no go: a build would fail
  });

  afterEach(() => {
    process.env = { ...saved };
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('uses the cached server, SQL tool and schema files, and never rebuilds them', async () => {
    const cached = path.join(dir, 'ngk', `temporal-server-${TEMPORAL_SERVER_VERSION}`);
    fs.mkdirSync(path.join(cached, 'schema', 'postgresql'), { recursive: true });
    for (const name of ['temporal-server', 'temporal-sql-tool']) {
      fs.writeFileSync(path.join(cached, name), '#!/bin/sh\n', { mode: 0o755 });
    }
    const log = jest.fn();
    expect(await ensureTemporalServer(log)).toEqual({
      server: path.join(cached, 'temporal-server'),
      sqlTool: path.join(cached, 'temporal-sql-tool'),
      schemaDir: path.join(cached, 'schema'),
    });
    expect(log).not.toHaveBeenCalled();
  });
});
