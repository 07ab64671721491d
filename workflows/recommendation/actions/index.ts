import { nextStatus, type Action, type ActionInput, type ActorContext } from '@ngk/domain';
import type { Item } from '../item';
import { directiveHandlers } from './directive';
import { duplicateHandlers } from './duplicate';
import { extensionHandlers } from './extension';
import { feedbackHandlers } from './feedback';
import type { Handler, Handlers } from './handler';
import { handlingHandlers } from './handling';
import { reopenHandlers } from './reopen';
import { routingHandlers } from './routing';
import { rulingHandlers } from './ruling';

/** Every action's handler: an action of the lifecycle without one does not compile. */
const HANDLERS: Handlers<Action> = {
  ...routingHandlers,
  ...handlingHandlers,
  ...feedbackHandlers,
  ...directiveHandlers,
  ...extensionHandlers,
  ...reopenHandlers,
  ...duplicateHandlers,
  ...rulingHandlers,
};

/** Applies a permitted action (the lifecycle has checked it) with the handler named for it. */
export function apply(
  item: Item,
  actor: ActorContext,
  input: ActionInput,
  requestId: string | null,
): Promise<void> {
  const statusAfter = nextStatus(item.snapshot(), input);
  const base = {
    actorUserId: actor.userId,
    actorUnitId: actor.unitId,
    actorRole: actor.role,
    requestId,
    payload: { ...input } as Record<string, unknown>,
  };
  const handler = HANDLERS[input.action] as Handler<Action>;
  return handler(item, input as never, { actor, base, statusAfter });
}
