import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { scRulingUpdate, scRulingUpdateId } from '@ngk/definitions';
import { ScMeetingRepository, type PendingRuling, type RulingOutcome } from './sc-meeting.repository';

/** Where a meeting's run stands after applying what was recorded. */
export interface MeetingProgress {
  frozen: boolean;
  /** Lines not yet ruled on or not yet applied: the run waits for them. */
  open: number;
  /** When the last follow-up deadline its rulings set falls due. */
  followUpAt: string | null;
}

/**
 * A Standing Committee meeting's run: each ruling recorded on an item is sent to the item's workflow as
 * its sc-ruling Update (an id per meeting and item, so a retry applies it once), and what it wrote is
 * kept on the agenda line for the minutes.
 */
@Injectable()
export class ScMeetingActivities {
  constructor(
    private readonly repository: ScMeetingRepository,
    private readonly temporal: Client,
  ) {}

  async applyMeetingRulings(meetingId: string): Promise<MeetingProgress> {
    const meeting = await this.repository.meeting(meetingId);
    if (!meeting) throw ApplicationFailure.nonRetryable(`meeting ${meetingId} not found`);
    if (meeting.status !== 'draft') {
      for (const line of await this.repository.pendingRulings(meetingId))
        await this.repository.applied(line.lineId, await this.applyOne(meetingId, meeting, line));
    }
    const after = (await this.repository.meeting(meetingId))!;
    return {
      frozen: after.status !== 'draft',
      open: after.open,
      followUpAt: await this.repository.followUpAt(meetingId),
    };
  }

  async finishMeeting(request: { meetingId: string; followUpAt: string | null }): Promise<void> {
    await this.repository.finish(request.meetingId, request.followUpAt);
  }

  private async applyOne(
    meetingId: string,
    meeting: { meetingDate: string; title: string },
    line: PendingRuling,
  ): Promise<RulingOutcome> {
    // A ruling on an emerging issue is its text: nothing to send.
    if (!line.ruling || !line.recommendationId || !line.workflowId)
      return { applied: true, seq: 0, eventType: null, followUpDueAt: null };
    try {
      const state = await this.temporal.workflow.getHandle(line.workflowId).executeUpdate(scRulingUpdate, {
        args: [
          {
            meetingId,
            meetingDate: meeting.meetingDate,
            meetingTitle: meeting.title,
            ruling: line.ruling,
            actor: line.actor,
          },
        ],
        updateId: scRulingUpdateId(meetingId, line.recommendationId),
      });
      const event = await this.repository.rulingEvent(line.recommendationId, meetingId);
      const resolution = state.clocks.find((c) => c.kind === 'resolution');
      return {
        applied: true,
        seq: event?.seq ?? state.lastEventSeq,
        eventType: event?.type ?? null,
        followUpDueAt: line.ruling.kind === 'close' ? null : (resolution?.dueAt ?? null),
      };
    } catch (err) {
      // The item closed meanwhile, or its workflow has ended: the ruling changes nothing, and says why.
      if (err instanceof WorkflowNotFoundError) return { applied: false, refusal: 'item-finished' };
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        const details = (err.cause.details?.[0] ?? {}) as { rule?: string };
        return { applied: false, refusal: details.rule ?? err.cause.type ?? 'refused' };
      }
      throw err;
    }
  }
}
