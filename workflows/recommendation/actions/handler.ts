import type { Action, ActionInput, ActorContext, RecommendationStatus } from '@ngk/domain';
import type { Item } from '../item';
import type { EventBase } from '../projector';

/** What every action handler is given beside its input. */
export interface ActionContext {
  actor: ActorContext;
  /** The actor and request, for the event the action records. */
  base: EventBase;
  /** The status the lifecycle gives the item after this action. */
  statusAfter: RecommendationStatus;
}

/** Applies one permitted action: deadlines are computed first, then the state changes and is recorded. */
export type Handler<A extends Action> = (
  item: Item,
  input: Extract<ActionInput, { action: A }>,
  context: ActionContext,
) => Promise<void>;

/** One handler per action of a group: the compiler refuses a group's action without one. */
export type Handlers<A extends Action> = { [K in A]: Handler<K> };
