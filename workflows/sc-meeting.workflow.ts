import { condition, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { ScMeetingActivities } from '@ngk/activities/sc-meeting.activities';
import { agendaFrozenSignal, rulingRecordedSignal, type ScMeetingWorkflowInput } from '@ngk/definitions';

/** Database steps and the items' Updates: retried patiently, as every ruling must reach its item. */
const steps = proxyActivities<ScMeetingActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One Standing Committee meeting, started with the id `sc-meeting-<id>` when its agenda is frozen (a
 * second freeze wakes it again): applies each ruling as it is recorded (through the item's own workflow), then,
 * every line ruled and applied, waits until the follow-up deadlines its rulings set fall due and closes.
 * The items' workflows keep those deadlines and remind their lead units, as for any deadline.
 */
export async function scMeetingWorkflow(input: ScMeetingWorkflowInput): Promise<void> {
  // Checked once at the start: a signal sent before the run began is not lost, as the database says.
  let recorded = true;
  const wake = () => {
    recorded = true;
  };
  setHandler(agendaFrozenSignal, wake);
  setHandler(rulingRecordedSignal, wake);
  let followUpAt: string | null = null;
  for (;;) {
    await condition(() => recorded);
    recorded = false;
    const progress = await steps.applyMeetingRulings(input.meetingId);
    if (progress.frozen && progress.open === 0) {
      followUpAt = progress.followUpAt;
      break;
    }
  }
  const wait = followUpAt ? Date.parse(followUpAt) - Date.now() : 0;
  if (wait > 0) await sleep(wait);
  await steps.finishMeeting({ meetingId: input.meetingId, followUpAt });
}
