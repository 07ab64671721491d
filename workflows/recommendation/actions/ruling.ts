import { meetingDateLabel, nextStatus, rulingDirective, rulingRefusal } from '@ngk/domain';
import type { ScRulingRequest } from '@ngk/definitions';
import type { Item } from '../item';
import { directiveHandlers } from './directive';
import type { Handlers } from './handler';

/** The lead unit's head or the cadre asks the Standing Committee to rule: the item keeps its status. */
export const rulingHandlers: Handlers<'request-ruling'> = {
  'request-ruling': async (item, input, { base, statusAfter }) => {
    void item.record(statusAfter, { ...base, type: 'ruling-requested', reason: input.reason });
  },
};

/**
 * The committee's conclusion at a meeting, taken as its directive (the same handler, the same events)
 * in whatever open status the item is; the event names the meeting, so the timeline reads "Ban Thường vụ
 * kết luận tại phiên họp ngày …" and the agenda knows the ruling request is answered.
 */
export async function applyScRuling(item: Item, request: ScRulingRequest): Promise<void> {
  // Checked again in turn: an action may have closed the item since validation.
  const refusal = rulingRefusal(item.snapshot(), request.ruling);
  if (refusal) item.refuse(refusal);
  const input = rulingDirective(request.ruling);
  const { actor } = request;
  const base = {
    actorUserId: actor.userId,
    actorUnitId: actor.unitId,
    actorRole: actor.role,
    requestId: null,
    payload: {
      ...input,
      meeting: {
        id: request.meetingId,
        date: request.meetingDate,
        dateLabel: meetingDateLabel(request.meetingDate),
        title: request.meetingTitle,
      },
    } as Record<string, unknown>,
  };
  await directiveHandlers.directive(item, input, {
    actor,
    base,
    statusAfter: nextStatus(item.snapshot(), input),
  });
}
