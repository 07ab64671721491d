import type { Refusal } from './lifecycle';
import type { RecommendationStatus } from './recommendation';

/** The statuses in which an item waits for its cadre: information asked for, feedback, verification. */
export const AWAITING_CADRE: readonly RecommendationStatus[] = [
  'awaiting-info',
  'resolved',
  'awaiting-verification',
];

/** Who the cadre's steps on an item belong to. */
export interface CadreFacts {
  submittedByUserId: string;
  /** Set by a handover; absent or null: the submitter, as on every item never handed over. */
  cadreInChargeUserId?: string | null;
}

/** The cadre in charge of an item: its submitter until a reassignment hands it to another cadre. */
export function cadreInCharge(facts: CadreFacts): string {
  return facts.cadreInChargeUserId ?? facts.submittedByUserId;
}

/**
 * Why an item may not be handed from one cadre to another, or null when it may: only an item that waits
 * for its cadre now, and only from the cadre in charge of it to someone else.
 */
export function handOverRefusal(
  facts: CadreFacts & { status: RecommendationStatus },
  fromUserId: string,
  toUserId: string,
): Refusal | null {
  if (!AWAITING_CADRE.includes(facts.status))
    return {
      code: 'wrong-state',
      rule: 'handover.not-awaiting-cadre',
      reason: `the item is ${facts.status}: it waits for no cadre`,
      params: { status: facts.status },
    };
  if (cadreInCharge(facts) !== fromUserId)
    return {
      code: 'wrong-state',
      rule: 'handover.not-in-charge',
      reason: 'the cadre handing over is not in charge of this item',
    };
  if (toUserId === fromUserId)
    return {
      code: 'invalid',
      rule: 'handover.same-cadre',
      field: 'toUserId',
      reason: 'an item is handed to another cadre',
    };
  return null;
}
