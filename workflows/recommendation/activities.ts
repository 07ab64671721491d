import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { MailActivities } from '@ngk/activities/mail.activities';
import type { RecommendationActivities } from '@ngk/activities/recommendation.activities';
import type { SlaActivities } from '@ngk/activities/sla.activities';

type PublicMembers<T> = { [K in keyof T]: T[K] };

/** Reading reference data and writing the read model are short database calls; retry them patiently. */
export const db = proxyLocalActivities<
  PublicMembers<RecommendationActivities> & PublicMembers<SlaActivities>
>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Email goes through the mail server, which may be down for a while: a regular activity, retried with
 * growing pauses, that never holds up the read model.
 */
export const mail = proxyActivities<PublicMembers<MailActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});
