import type { Client as TemporalClient } from '@temporalio/client';
import { Client } from 'pg';

/**
 * Per table: its row count, the newest row version's transaction id and a hash of all its rows. Any
 * insert, update or delete changes it, an update that rewrites the same values too.
 */
export type Fingerprint = Record<string, string>;

/**
 * Fingerprints of every table of one database, through one connection kept open. Only meaningful on a
 * database no other test file writes to.
 */
export class DatabaseFingerprint {
  private constructor(
    private readonly client: Client,
    private readonly query: string,
  ) {}

  static async connect(url: string): Promise<DatabaseFingerprint> {
    const client = new Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ part: string }>(
      `SELECT format('SELECT %L AS name, concat_ws('':'', count(*), max(t.xmin::text::bigint),
                            md5(string_agg(t::text, '','' ORDER BY t::text))) AS print FROM %I t',
                     tablename, tablename) AS part
         FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    return new DatabaseFingerprint(client, rows.map((r) => r.part).join(' UNION ALL '));
  }

  async take(): Promise<Fingerprint> {
    const { rows } = await this.client.query<{ name: string; print: string }>(this.query);
    return Object.fromEntries(rows.map((r) => [r.name, r.print]));
  }

  /**
   * Waits until nothing is left to write: no workflow of the task queue has a workflow task or an
   * activity in flight (an accepted action's email status, say), the dashboard's pending changes are
   * folded (else the worker's next fold writes them, in the middle of whatever is measured next), and
   * two fingerprints agree.
   */
  async settled(temporal: TemporalClient, taskQueue: string, timeoutMs = 30_000): Promise<Fingerprint> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const before = await this.take();
      if (!(await workInFlight(temporal, taskQueue))) {
        await this.client.query(`SELECT recommendation_stats_fold(true)`);
        const after = await this.take();
        if (changedTables(before, after).length === 0) return after;
      }
      if (Date.now() > deadline) throw new Error(`task queue ${taskQueue} still busy after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]);
}

async function workInFlight(temporal: TemporalClient, taskQueue: string): Promise<boolean> {
  const running = temporal.workflow.list({
    query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`,
  });
  for await (const info of running) {
    const { raw } = await temporal.workflow.getHandle(info.workflowId, info.runId).describe();
    if (raw.pendingWorkflowTask || (raw.pendingActivities?.length ?? 0) > 0) return true;
  }
  return false;
}
