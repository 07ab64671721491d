import { patched } from '@temporalio/workflow';

/**
 * Patch id: the recommendation workflow as of December 2026, with every patch before it taken. A run
 * started under it records this one marker where it recorded one per patch, and the SDK upserts the
 * TemporalChangeVersion search attribute once with it rather than once per patch: a submission's first
 * workflow task was three patch markers and three such upserts, each a history event and the upserts a
 * visibility write of the server's. A run started before it replays with each of its own markers.
 */
export const RECOMMENDATION_2026_12 = 'recommendation-2026-12';

/**
 * Whether this run takes a patched branch. Decided once, as the run starts (as `reopen-window` is): a
 * run started under RECOMMENDATION_2026_12 takes every branch patched before it without a marker of its
 * own; a run started before keeps asking patched(), marker by marker, as it did.
 */
export class Patches {
  private constructor(readonly current: boolean) {}

  /** Called once, at the start of the run, before any other patch is asked about. */
  static atStart(): Patches {
    return new Patches(patched(RECOMMENDATION_2026_12));
  }

  /** patched(patchId), or true without a marker in a run started under RECOMMENDATION_2026_12. */
  has(patchId: string): boolean {
    return this.current || patched(patchId);
  }
}
