import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoState, resetFastDemo } from './fast-demo';

describe('the demo state', () => {
  it('keeps the normal demo under the names it always had', () => {
    expect(demoState(4, {})).toEqual({
      database: 'ngk_g4',
      temporal: 'ngk-g4',
      temporalKind: 'dev',
      fast: false,
    });
    // The real server's demo reads its own database: its workflows are not the dev server's.
    expect(demoState(4, { NGK_TEMPORAL: 'server' })).toMatchObject({
      database: 'ngk_g4_server',
      temporal: 'temporal',
    });
  });

  it('gives the fast clock a state of its own, with either Temporal', () => {
    expect(demoState(4, { NGK_DAY_SECONDS: '2' })).toEqual({
      database: 'ngk_g4_fast',
      temporal: 'ngk-g4-fast',
      temporalKind: 'dev',
      fast: true,
    });
    expect(demoState(4, { NGK_DAY_SECONDS: '2', NGK_TEMPORAL: 'server' })).toMatchObject({
      database: 'ngk_g4_server_fast',
      temporal: 'temporal_fast',
    });
  });

  it("resets only the fast demo's Temporal file, never the normal demo's", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ngk-fast-demo-'));
    try {
      for (const file of ['ngk-g4.sqlite', 'ngk-g4-fast.sqlite', 'ngk-g4-fast.sqlite-wal']) {
        fs.writeFileSync(path.join(dir, file), '');
      }
      const fast = demoState(4, { NGK_DAY_SECONDS: '2' });
      await resetFastDemo(fast, 'postgres://unused', dir, { ownDatabase: false, ownTemporal: true });
      expect(fs.readdirSync(dir)).toEqual(['ngk-g4.sqlite']);
      await expect(
        resetFastDemo(demoState(4, {}), 'postgres://unused', dir, { ownDatabase: true, ownTemporal: true }),
      ).rejects.toThrow('only the fast-clock demo is reset');
      expect(fs.readdirSync(dir)).toEqual(['ngk-g4.sqlite']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
