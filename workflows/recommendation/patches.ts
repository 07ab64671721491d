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
 * Patch id: the recommendation workflow as of 4 December 2026, with every patch before it taken, those
 * made since RECOMMENDATION_2026_12 included. A run started under it records this one marker in place of
 * RECOMMENDATION_2026_12's, so a new patch costs a new item no marker of its own.
 */
export const RECOMMENDATION_2026_12_04 = 'recommendation-2026-12-04';

/**
 * Patch id: the recommendation workflow as of 6 December 2026, with every patch before it taken. A run
 * started under it records this one marker in place of RECOMMENDATION_2026_12_04's.
 */
export const RECOMMENDATION_2026_12_06 = 'recommendation-2026-12-06';

/** The generations, oldest first: each takes every patch made before it. */
const GENERATIONS = [RECOMMENDATION_2026_12, RECOMMENDATION_2026_12_04, RECOMMENDATION_2026_12_06] as const;
export type Generation = (typeof GENERATIONS)[number];

/**
 * Which patched branches this run takes. Its generation is decided once, as the run starts (as
 * `reopen-window` is): a run takes every branch patched before its generation without a marker of its
 * own, and asks patched() for the others, marker by marker, as runs started before any generation do.
 */
export class Patches {
  /** 0 before any generation, else the position of the run's generation in GENERATIONS, from 1. */
  private constructor(private readonly generation: number) {}

  /**
   * Called once, at the start of the run, before any other patch is asked about. The newest generation
   * is asked first: a run started before it replays without its marker, and so asks the one before.
   */
  static atStart(): Patches {
    for (let i = GENERATIONS.length; i > 0; i--) if (patched(GENERATIONS[i - 1])) return new Patches(i);
    return new Patches(0);
  }

  /** Whether this run started under `generation` or a later one. */
  from(generation: Generation): boolean {
    return this.generation >= GENERATIONS.indexOf(generation) + 1;
  }

  /**
   * patched(patchId), or true without a marker in a run started under `takenBy` or later: the first
   * generation made after the patch. A patch made after the newest generation names the next one, which
   * is added to GENERATIONS with it; a run of an older generation then asks patched() for it.
   */
  has(patchId: string, takenBy: Generation = RECOMMENDATION_2026_12): boolean {
    return this.from(takenBy) || patched(patchId);
  }
}
