export const URGENCIES = ['normal', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const RECOMMENDATION_STATUSES = [
  'submitted',
  'triage',
  'routed',
  'awaiting-info',
  'in-progress',
  'resolved',
  'standing-committee-review',
  'planned',
  'awaiting-verification',
  'closed',
] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/** Statuses an item never leaves. */
export const FINAL_STATUSES: readonly RecommendationStatus[] = ['closed'];

export const OUTCOMES = ['implemented', 'planned', 'partly-accepted', 'not-accepted', 'referred'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** What a cadre submits: the "nắm" (situation) and the "góp" (proposal). */
export interface SubmissionInput {
  title: string;
  situation: string;
  proposal: string;
  categoryCode: string;
  localityUnitId: string;
  costEstimateVnd?: string | null;
  urgency: Urgency;
  legalReferences: string[];
  attachments: { name: string; url: string }[];
  suggestedUnitId?: string | null;
  submittedByUserId: string;
}
