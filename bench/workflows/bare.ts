import {
  condition,
  defineQuery,
  defineUpdate,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Baselines: the least Temporal itself takes for what an NGK workflow does, run on the same server in the
 * same benchmark run so the ratio shows what NGK adds.
 */

const local = proxyLocalActivities<{
  noop(): Promise<void>;
  commit(key: string): Promise<void>;
  project(key: string, status: string): Promise<void>;
}>({
  startToCloseTimeout: '1 minute',
});

/** The search attributes NGK keeps in step, for an operator's Temporal UI. */
const STATUS = defineSearchAttributeKey('NgkStatus', SearchAttributeType.KEYWORD);
const ESCALATION_LEVEL = defineSearchAttributeKey('NgkEscalationLevel', SearchAttributeType.INT);
const DUE_AT = defineSearchAttributeKey('NgkDueAt', SearchAttributeType.DATETIME);

const { noop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '1 minute' });

/** Sleeps until an instant and reports how late it woke, in ms (bench/escalation-burst). */
export async function bareTimerWorkflow(wakeAt: number): Promise<number> {
  await sleep(Math.max(1, wakeAt - Date.now()));
  return Date.now() - wakeAt;
}

/**
 * As bareTimerWorkflow, but on waking it commits one row to PostgreSQL by a local activity before it
 * reports how late it was: the least a durable record of a breach costs, which NGK's escalation event is.
 */
export async function bareTimerCommitWorkflow(wakeAt: number, key: string): Promise<number> {
  await sleep(Math.max(1, wakeAt - Date.now()));
  await local.commit(key);
  return Date.now() - wakeAt;
}

/**
 * As bareTimerCommitWorkflow, but it stays open after its record, waiting on a next timer, as an NGK item
 * does after its level-1 breach (it starts the grace period's clock). Its run stays in the worker's cache,
 * where a bare timer that returns leaves it. The lateness is the instant its row was written less `wakeAt`,
 * read from PostgreSQL, as NGK's is read from its event's `recorded_at`.
 */
export async function bareTimerStayingWorkflow(wakeAt: number, key: string, nextInMs: number): Promise<void> {
  await sleep(Math.max(1, wakeAt - Date.now()));
  await local.commit(key);
  await sleep(nextInMs);
}

/**
 * As bareTimerStayingWorkflow, with the work an NGK breach has beyond it (bench/escalation-burst, the
 * baseline with NGK's duties): on waking, its local activity writes the event, the item's new state, its
 * task, a notification and the dashboard's change in one committed statement, as NGK's projection of a
 * breach does, and the escalation level and next deadline go to Temporal's visibility store in one upsert.
 */
export async function bareTimerDutiesWorkflow(wakeAt: number, key: string, nextInMs: number): Promise<void> {
  await sleep(Math.max(1, wakeAt - Date.now()));
  await local.project(key, 'overdue');
  upsertSearchAttributes([
    { key: ESCALATION_LEVEL, value: 1 },
    { key: DUE_AT, value: new Date(Date.now() + nextInMs) },
  ]);
  await sleep(nextInMs);
}

/** One no-op activity, then done (bench/submit-throughput). */
export async function bareActivityWorkflow(): Promise<void> {
  await noop();
}

export const bareAcknowledge = defineUpdate<string>('acknowledge');
/**
 * An earlier update that leaves the status as it is, with the same work as the acknowledge (none, a
 * no-op local activity or a committed row): a bench gives a workflow a history as long as an NGK item's
 * with it, before it times the acknowledge. Answers how many it has taken.
 */
export const bareNote = defineUpdate<number>('note');

/**
 * Waits for one update that changes its state and answers it, then ends (bench/action-latency); takes any
 * number of notes (bareNote) before it.
 */
export async function bareUpdateWorkflow(): Promise<string> {
  let status = 'routed';
  let notes = 0;
  setHandler(bareNote, () => ++notes);
  setHandler(bareAcknowledge, () => {
    status = 'in-progress';
    return status;
  });
  await condition(() => status !== 'routed');
  return status;
}

/** As bareUpdateWorkflow, but the update waits for one no-op local activity, as an NGK action waits for its projection. */
export async function bareUpdateLocalActivityWorkflow(): Promise<string> {
  let status = 'routed';
  let notes = 0;
  setHandler(bareNote, async () => {
    await local.noop();
    return ++notes;
  });
  setHandler(bareAcknowledge, async () => {
    await local.noop();
    status = 'in-progress';
    return status;
  });
  await condition(() => status !== 'routed');
  return status;
}

/**
 * As bareUpdateWorkflow, but the update answers once one row is committed to PostgreSQL by a local
 * activity: the least a durable read-your-writes answer costs, which an NGK action's projection is.
 */
export async function bareUpdateCommitWorkflow(key: string): Promise<string> {
  let status = 'routed';
  let notes = 0;
  setHandler(bareNote, async () => {
    await local.commit(key);
    return ++notes;
  });
  setHandler(bareAcknowledge, async () => {
    await local.commit(key);
    status = 'in-progress';
    return status;
  });
  await condition(() => status !== 'routed');
  return status;
}

/**
 * As bareUpdateCommitWorkflow, with the work an NGK action's Update has beyond it (bench/action-latency,
 * the baseline with NGK's duties): the local activity writes the event, the item's new state, its task and
 * a notification in one committed statement, as NGK's projection of an acknowledge does, and the status
 * and next deadline go to Temporal's visibility store in one upsert.
 */
export async function bareUpdateDutiesWorkflow(key: string, dueAt: number): Promise<string> {
  let status = 'routed';
  let notes = 0;
  setHandler(bareNote, async () => {
    await local.project(key, status);
    return ++notes;
  });
  setHandler(bareAcknowledge, async () => {
    await local.project(key, 'in-progress');
    status = 'in-progress';
    upsertSearchAttributes([
      { key: STATUS, value: status },
      { key: DUE_AT, value: new Date(dueAt) },
    ]);
    return status;
  });
  await condition(() => status !== 'routed');
  return status;
}

export const bareSubmit = defineUpdate<string>('submit');
export const bareAct = defineUpdate<number>('act');
export const bareEscalatedAt = defineQuery<number | null>('escalatedAt');

/**
 * A submission, bare (bench/submit-throughput): started by update-with-start, whose update answers once
 * one row is committed to PostgreSQL by a local activity, as NGK's submit update answers once the routing
 * is in the read model; then done.
 */
export async function bareSubmitCommitWorkflow(key: string): Promise<void> {
  let routed = false;
  setHandler(bareSubmit, async () => {
    await local.commit(key);
    routed = true;
    return 'routed';
  });
  await condition(() => routed);
}

/**
 * An NGK item's shape, bare (bench/endurance): started by update-with-start, whose update answers once
 * the workflow has taken it; a deadline that the first action cancels and that otherwise fires and runs
 * one no-op activity, as a breach is recorded; `actions` updates, after which it ends. Each update waits
 * for one no-op local activity, as an NGK action waits for its projection.
 */
export async function bareItemWorkflow(dueAt: number, actions: number): Promise<void> {
  let acted = 0;
  let escalatedAt: number | null = null;
  setHandler(bareSubmit, async () => {
    await local.noop();
    return 'routed';
  });
  setHandler(bareAct, async () => {
    await local.noop();
    return ++acted;
  });
  setHandler(bareEscalatedAt, () => escalatedAt);
  const actedInTime = await condition(() => acted > 0, Math.max(1, dueAt - Date.now()));
  if (!actedInTime) {
    escalatedAt = Date.now();
    await noop();
  }
  await condition(() => acted >= actions);
}
