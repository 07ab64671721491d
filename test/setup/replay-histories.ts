import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where the recorded histories live; the replay test reads every file there. */
export const REPLAY_DIR = path.resolve(__dirname, '../replay');

/**
 * What tells one path through a workflow from another: the Updates it took, timers, how it ended, whether
 * a local activity waited on a timer to be retried, and the patches (patched()) it went through, so a
 * history that takes a newly patched branch is a new path.
 */
export function pathSignature(history: temporal.api.history.v1.IHistory): string {
  const updates = new Set<string>();
  const patches = new Set<string>();
  let timers = 0;
  let ended = 'open';
  let carried = false;
  let backedOff = false;
  for (const event of history.events ?? []) {
    const name = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name;
    if (name) updates.add(name);
    const marker = event.markerRecordedEventAttributes;
    const patch =
      marker?.markerName === 'core_patch' ? marker.details?.['patch-data']?.payloads?.[0]?.data : null;
    if (patch) patches.add((JSON.parse(Buffer.from(patch).toString()) as { id: string }).id);
    // A local activity that failed and waits on a timer for its next attempt (a database outage).
    const attempt =
      marker?.markerName === 'core_local_activity' ? marker.details?.data?.payloads?.[0]?.data : null;
    if (attempt && (JSON.parse(Buffer.from(attempt).toString()) as { backoff?: unknown }).backoff)
      backedOff = true;
    if (event.timerFiredEventAttributes) timers++;
    if (event.workflowExecutionCompletedEventAttributes) ended = 'completed';
    if (event.workflowExecutionContinuedAsNewEventAttributes) ended = 'continued';
    if (event.workflowExecutionStartedEventAttributes?.continuedExecutionRunId) carried = true;
    if (event.workflowExecutionFailedEventAttributes) ended = 'failed';
    if (event.workflowExecutionTerminatedEventAttributes) ended = 'open';
  }
  return [
    [...updates].sort().join('+') || 'no-updates',
    timers > 0 ? 'timers' : 'no-timers',
    ended,
    ...(carried ? ['carried'] : []),
    ...(backedOff ? ['backed-off'] : []),
    ...(patches.size > 0 ? [`patches:${[...patches].sort().join('+')}`] : []),
  ].join(' ');
}

/**
 * Adds one history per path that the test run's workflows took and no recorded history takes yet: run
 * with NGK_RECORD_REPLAY=1 after a replay-safe change (a new patched() branch). Recorded histories are
 * never removed or replaced: each keeps replaying under every later release, as running items would.
 */
export async function recordReplayHistories(address: string, log: (line: string) => void): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection });
    const recorded = new Set<string>();
    for (const file of fs.existsSync(REPLAY_DIR) ? fs.readdirSync(REPLAY_DIR) : []) {
      if (!file.endsWith('.json')) continue;
      const { history } = JSON.parse(fs.readFileSync(path.join(REPLAY_DIR, file), 'utf8')) as {
        history: string;
      };
      const decoded = temporal.api.history.v1.History.decode(Buffer.from(history, 'base64'));
      recorded.add(`${workflowTypeOf(decoded)}: ${pathSignature(decoded)}`);
    }
    const chosen = new Map<string, { type: string; history: string }>();
    for await (const info of client.workflow.list()) {
      const handle = client.workflow.getHandle(info.workflowId, info.runId);
      // Ended, so the history replays to its end: a replay worker runs no activities.
      if (info.status.name === 'RUNNING')
        await handle.terminate('recorded for replay').catch(() => undefined);
      const history = await handle.fetchHistory();
      const signature = `${info.type}: ${pathSignature(history)}`;
      // Binary protobuf, not proto JSON: the JSON helper trips over two copies of protobufjs in the tree.
      const encoded = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString(
        'base64',
      );
      if (!recorded.has(signature) && !chosen.has(signature))
        chosen.set(signature, { type: info.type, history: encoded });
    }
    fs.mkdirSync(REPLAY_DIR, { recursive: true });
    for (const [signature, { type, history }] of chosen) {
      const name = `${type}-${createHash('sha256').update(signature).digest('hex').slice(0, 10)}.json`;
      fs.writeFileSync(
        path.join(REPLAY_DIR, name),
        `${JSON.stringify({ signature, encoding: 'protobuf-base64', history }, null, 1)}\n`,
      );
    }
    log(
      `recorded ${chosen.size} new workflow paths beside ${recorded.size} into ${path.relative(process.cwd(), REPLAY_DIR)}`,
    );
  } finally {
    await connection.close();
  }
}

/** The workflow type a history started, from its first event. */
function workflowTypeOf(history: temporal.api.history.v1.IHistory): string {
  return history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? 'unknown';
}
