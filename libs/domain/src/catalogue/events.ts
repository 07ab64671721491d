import type { Audience, NotificationKind, NotificationRule, NotifyingRule } from '../notifications';

/** A read-model instant the first event of a type sets: the dashboard's durations and on-time rate. */
export type ReadModelStamp = 'acknowledgedAt' | 'resolvedAt';

/**
 * What an event does to the resolution deadline beyond setting it: an approved extension lengthens it,
 * a resumed clock gives the paused time back. Any other event that changes the deadline sets a new one,
 * owing nothing to earlier extensions (libs/domain kpi.ts extensionDaysAfter).
 */
export type DeadlineEffect = 'extends' | 'resumes';

/** Who hears of an event (or why nobody does), and what it stamps on the read model. */
export type EventSpec = NotificationRule & { stamps?: ReadModelStamp; deadline?: DeadlineEffect };

/** A rule that tells these audiences of an event, in the words of this kind. */
export const tell = (kind: NotificationKind, ...audiences: Audience[]): NotifyingRule => ({
  kind,
  audiences,
});

/**
 * Every event a recommendation's workflow records, the `type` of recommendation_events, with its
 * notification rule or the reason it stays silent. A new event type does not compile until it has one.
 */
export const EVENT_CATALOGUE = {
  submitted: { silent: 'the cadre did it; the units hear when it is routed, in the same minute' },
  routed: tell('routed-to-your-unit', 'opened-task-units'),
  'sent-to-triage': tell('routed-to-your-unit', 'opened-task-units'),
  'routed-by-triage': tell('routed-to-your-unit', 'opened-task-units'),
  transferred: tell('transferred-to-your-unit', 'opened-task-units'),
  'transferred-to-triage': tell('transferred-to-your-unit', 'opened-task-units'),
  // The successor hears as of a transfer, even when its lead has no task open (waiting on the cadre).
  reorganized: tell('transferred-to-your-unit', 'opened-task-units', 'lead-unit'),
  acknowledged: {
    silent: "the unit's own step; the cadre sees the status change in the list",
    stamps: 'acknowledgedAt',
  },
  'coordination-opinion': tell('coordination-opinion', 'lead-unit'),
  'info-requested': tell('info-requested', 'cadre-in-charge'),
  'info-provided': { ...tell('info-provided', 'lead-unit'), deadline: 'resumes' },
  'info-deadline-passed': {
    ...tell('info-deadline-passed', 'lead-unit', 'cadre-in-charge'),
    deadline: 'resumes',
  },
  progress: { silent: 'a working note of the lead unit, read in the timeline' },
  resolved: { ...tell('resolved', 'cadre-in-charge'), stamps: 'resolvedAt' },
  accepted: tell('accepted', 'lead-unit'),
  'accepted-by-silence': tell('accepted-by-silence', 'lead-unit', 'cadre-in-charge'),
  disputed: tell('disputed', 'opened-task-units'),
  'disputed-to-standing-committee': tell('disputed-to-standing-committee', 'opened-task-units'),
  'verification-due': tell('verification-due', 'cadre-in-charge'),
  verified: tell('verified', 'lead-unit'),
  reopened: tell('reopened', 'opened-task-units'),
  'reopened-after-closure': tell('reopened-after-closure', 'opened-task-units'),
  // A reassignment of the commune: the new cadre in charge hears, and the cadre who handed it over.
  'handed-over': tell('handed-over', 'cadre-in-charge', 'notify-list'),
  'directive-new-deadline': tell('directive-new-deadline', 'opened-task-units'),
  'directive-new-lead-unit': tell('directive-new-lead-unit', 'opened-task-units'),
  'directive-close': tell('directive-close', 'lead-unit', 'cadre-in-charge'),
  'extension-requested': tell('extension-requested', 'notify-list'),
  'extension-approved': { ...tell('extension-approved', 'extension-requester'), deadline: 'extends' },
  'extension-refused': tell('extension-refused', 'extension-requester'),
  // The duplicate's cadre hears, and from now on hears the original's news as its own cadre does.
  'marked-duplicate': tell('marked-duplicate', 'cadre-in-charge'),
  'duplicate-merged': {
    silent: "the original's note that another item merged into it; its handling does not change",
  },
  'ruling-requested': {
    silent: "the Party Office reads it in the Standing Committee's agenda proposal, which lists it",
  },
  reminder: tell('reminder', 'notify-list'),
  'deadline-missed': tell('overdue', 'notify-list'),
  escalated: tell('overdue', 'notify-list'),
} as const satisfies Record<string, EventSpec>;

export type RecommendationEventType = keyof typeof EVENT_CATALOGUE;

/** Every event type, in the catalogue's order. */
export const RECOMMENDATION_EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as readonly RecommendationEventType[];

/** The event types whose first occurrence sets this read-model instant. */
export function eventTypesStamping(stamp: ReadModelStamp): RecommendationEventType[] {
  return RECOMMENDATION_EVENT_TYPES.filter((type) => (EVENT_CATALOGUE[type] as EventSpec).stamps === stamp);
}
