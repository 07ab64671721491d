import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACTIONS } from '@ngk/domain';
import { workflowSource } from '../apps/worker/src/temporal-worker.service';

const REPLAY_DIR = path.resolve(__dirname, '../test/replay');

interface Recorded {
  signature: string;
  /** The History message, protobuf-encoded, in base64. */
  history: string;
}

const recorded = fs
  .readdirSync(REPLAY_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({
    file,
    ...(JSON.parse(fs.readFileSync(path.join(REPLAY_DIR, file), 'utf8')) as Recorded),
  }));

/**
 * Every recorded path through the workflows replays against today's workflow code. A change that would
 * break items already running fails here until it is guarded with patched() (see the README).
 */
describe('workflow determinism: recorded histories replay', () => {
  beforeAll(() => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  });

  it('covers every lifecycle action, timers, and both workflow types', () => {
    const signatures = recorded.map((r) => r.signature);
    // A signature reads "<workflow type>: <update>+<update> <timers> <end>".
    const updates = new Set(signatures.flatMap((s) => s.split(': ')[1].split(' ')[0].split('+')));
    expect(ACTIONS.filter((action) => !updates.has(action))).toEqual([]);
    expect(signatures.some((s) => s.includes(' timers'))).toBe(true);
    expect(signatures.some((s) => s.startsWith('quarterlyReportWorkflow'))).toBe(true);
    // An item moved by a reorganization, and the reorganization's own run.
    expect(updates.has('reorganize')).toBe(true);
    expect(signatures.some((s) => s.startsWith('reorganizationWorkflow'))).toBe(true);
    // A Standing Committee meeting's ruling on an item, and the meeting's own run to its end.
    expect(updates.has('sc-ruling')).toBe(true);
    expect(signatures.some((s) => s.startsWith('scMeetingWorkflow') && s.endsWith('completed'))).toBe(true);
  });

  it('replays each history without a nondeterminism error', async () => {
    const results = Worker.runReplayHistories(
      { ...workflowSource(undefined), replayName: 'ngk-replay' },
      recorded.map((r) => ({
        workflowId: r.file,
        history: temporal.api.history.v1.History.decode(Buffer.from(r.history, 'base64')),
      })),
    );
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of results) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(recorded.length);
  }, 120_000);
});
