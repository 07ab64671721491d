import type { Patches } from './patches';

/** Patch id: a turn ends when its events are projected. */
const ONE_TURN_AT_A_TIME = 'one-turn-at-a-time';

/**
 * Actions and timers change the item one at a time, in arrival order: a handler that waits for an
 * activity (a deadline computation) never interleaves with another's changes.
 */
export class Turns {
  private last: Promise<unknown> = Promise.resolve();

  /** @param drained resolves once every event recorded so far is in the read model */
  constructor(
    private readonly drained: () => Promise<void>,
    private readonly patches: Patches,
  ) {}

  run(fn: () => Promise<void>): Promise<void> {
    // A turn ends once its events are in the read model, so no two local activities are ever in flight
    // together: on replay their results all come back at once, and overlapping turns could then issue
    // their commands in another order than the original run did.
    // Items started before this rule replay without it (patched() is false only while replaying them).
    const run = this.last
      .then(fn)
      .then(() => (this.patches.has(ONE_TURN_AT_A_TIME) ? this.drained() : undefined));
    this.last = run.catch(() => undefined);
    return run;
  }
}
