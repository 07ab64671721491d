import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ActorContext, ItemRuling } from '@ngk/domain';
import type { RecommendationState } from './recommendation';

/** Start argument of one Standing Committee meeting's run. */
export interface ScMeetingWorkflowInput {
  meetingId: string;
}

export const SC_MEETING_WORKFLOW_TYPE = 'scMeetingWorkflow';

/** One run per meeting: starting it again finds the same workflow. */
export function scMeetingWorkflowId(meetingId: string): string {
  return `sc-meeting-${meetingId}`;
}

/** The secretariat froze the agenda: the run starts applying rulings as they are recorded. */
export const agendaFrozenSignal = defineSignal('agenda-frozen');

/** A ruling was recorded on a line: the run applies what is recorded and not yet applied. */
export const rulingRecordedSignal = defineSignal('ruling-recorded');

/** A meeting's ruling on one item, sent by the meeting's run to the item's workflow. */
export interface ScRulingRequest {
  meetingId: string;
  /** The meeting's date (YYYY-MM-DD) and title, for the timeline's words. */
  meetingDate: string;
  meetingTitle: string;
  ruling: ItemRuling;
  /** Who recorded the ruling for the committee. */
  actor: ActorContext;
}

/**
 * The Standing Committee's conclusion at a meeting, applied as its directive would be in whatever open
 * status the item is. Its Update id is derived from the meeting and the item, so it applies once.
 */
export const scRulingUpdate = defineUpdate<RecommendationState, [ScRulingRequest]>('sc-ruling');

/** The sc-ruling Update's id for one item of one meeting: the same for every attempt. */
export function scRulingUpdateId(meetingId: string, recommendationId: string): string {
  return `sc-ruling-${meetingId}-${recommendationId}`;
}
