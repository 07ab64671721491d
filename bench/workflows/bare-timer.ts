import { sleep } from '@temporalio/workflow';

/** Baseline: a bare workflow that sleeps until an instant and reports how late it woke, in ms. */
export async function bareTimerWorkflow(wakeAt: number): Promise<number> {
  await sleep(Math.max(1, wakeAt - Date.now()));
  return Date.now() - wakeAt;
}
