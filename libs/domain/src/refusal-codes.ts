/**
 * Stable codes for every refusal the lifecycle can give, one per rule. Clients show their own words for
 * each code (the web UI has Vietnamese and English texts); the English `reason` beside it is for logs
 * and API users. A code, once published, keeps its meaning.
 */
export const LIFECYCLE_REFUSAL_CODES = [
  // State: the action does not fit where the item is.
  'lifecycle.not-allowed-in-state',
  'lifecycle.no-pending-opinion',
  'lifecycle.extension-already-pending',
  'lifecycle.no-pending-extension',
  'lifecycle.reopen-window-ended',
  'lifecycle.closed-by-directive',
  'lifecycle.closed-as-duplicate',
  'lifecycle.duplicate-after-answer',
  'handover.not-awaiting-cadre',
  'handover.not-in-charge',
  // Actor: this person may not take the action on this item.
  'lifecycle.only-triage-office',
  'lifecycle.only-lead-unit',
  'lifecycle.only-pending-coordinator',
  'lifecycle.only-submitter',
  'lifecycle.only-standing-committee',
  'lifecycle.only-head-above',
  'lifecycle.only-lead-head-or-cadre',
  // Content: the request misses what the rules ask for.
  'lifecycle.action-mismatch',
  'lifecycle.route-to-triage-office',
  'lifecycle.lead-also-coordinates',
  'lifecycle.reason-required',
  'lifecycle.already-with-unit',
  'lifecycle.response-required',
  'lifecycle.plan-date-required',
  'lifecycle.budget-year-required',
  'lifecycle.budget-year-mismatch',
  'lifecycle.deadline-required',
  'lifecycle.deadline-either-date-or-days',
  'lifecycle.deadline-not-after-today',
  'lifecycle.lead-unit-required',
  'lifecycle.extension-days-range',
  'handover.same-cadre',
  // Pace: the item has taken as many actions as it may today.
  'pace.item-daily-limit',
] as const;
export type LifecycleRefusalCode = (typeof LIFECYCLE_REFUSAL_CODES)[number];
