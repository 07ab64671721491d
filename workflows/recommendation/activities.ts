import { proxyActivities, proxyLocalActivities, type LocalActivityOptions } from '@temporalio/workflow';
import type { MailActivities } from '@ngk/activities/mail.activities';
import type { RecommendationActivities } from '@ngk/activities/recommendation.activities';
import type { SlaActivities } from '@ngk/activities/sla.activities';

type PublicMembers<T> = { [K in keyof T]: T[K] };

/**
 * How database calls are retried: until PostgreSQL answers, never given up, since an action's Update
 * answers once its events are in the read model. A blip is retried inside the worker (after 1 s, then
 * 2 s). Past `localRetryThreshold` each wait is a Temporal timer: 6 events in the item's history (the
 * failed attempt's marker, the timer started and fired, the workflow task it wakes), and the workflow
 * task ends meanwhile. Waits grow to `maximumInterval`, so an outage costs at most 6 events per 2 minutes
 * (180 an hour), and the read model catches up at most 2 minutes after PostgreSQL is back.
 * Retried inside the worker throughout (the SDK's default threshold of 1 minute), each waiting item held
 * a workflow task open, extended every 8 s (3 events, 1,350 an hour), and one of the worker's workflow
 * task slots with it: with as many items waiting as slots, no other item's workflow ran.
 */
export const DB_CALLS = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '2 minutes' },
  localRetryThreshold: '2 seconds',
} satisfies LocalActivityOptions;

/** Reading reference data and writing the read model are short database calls; retry them patiently. */
export const db = proxyLocalActivities<
  PublicMembers<RecommendationActivities> & PublicMembers<SlaActivities>
>(DB_CALLS);

/**
 * Email goes through the mail server, which may be down for a while: a regular activity, retried with
 * growing pauses, that never holds up the read model.
 */
export const mail = proxyActivities<PublicMembers<MailActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});
