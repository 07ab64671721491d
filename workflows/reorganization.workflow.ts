import { continueAsNew, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { ReorganizationActivities } from '@ngk/activities/reorganization.activities';
import type { SlaActivities } from '@ngk/activities/sla.activities';
import type { ReorganizationWorkflowInput } from '@ngk/definitions';

/** Items moved per batch: one activity each, whose progress the read model shows as it goes. */
export const REORGANIZATION_BATCH = 20;

/** Batches a run takes before it continues as new: thousands of communes make a long history. */
const BATCHES_PER_RUN = 200;

/** Database steps: retried patiently, as a decision must be carried out whole. */
const steps = proxyActivities<
  Pick<ReorganizationActivities, 'beginReorganization' | 'closeEndedUnits' | 'finishReorganization'> &
    Pick<SlaActivities, 'startOfDate'>
>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** A batch sends each item its Update: it heartbeats, so a batch on a worker that died is retried soon. */
const batches = proxyActivities<Pick<ReorganizationActivities, 'moveItemBatch'>>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One reorganization: waits for the effective date, closes the ended
 * units with their rules and accounts, then hands every open item they hold to its successor, batch by
 * batch. Started with the id `reorganization-<id>`, once.
 */
export async function reorganizationWorkflow(input: ReorganizationWorkflowInput): Promise<void> {
  const id = input.reorganizationId;
  if (!input.closed) {
    const { effectiveDate } = await steps.beginReorganization(id);
    const wait = Date.parse(await steps.startOfDate(effectiveDate)) - Date.now();
    if (wait > 0) await sleep(wait);
    await steps.closeEndedUnits(id);
  }
  for (let batch = 0; ; batch++) {
    if (batch >= BATCHES_PER_RUN || workflowInfo().continueAsNewSuggested)
      return continueAsNew<typeof reorganizationWorkflow>({ reorganizationId: id, closed: true });
    const { looked } = await batches.moveItemBatch({ reorganizationId: id, limit: REORGANIZATION_BATCH });
    if (looked === 0) break;
  }
  await steps.finishReorganization(id);
}
