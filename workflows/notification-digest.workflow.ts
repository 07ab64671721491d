import { proxyActivities } from '@temporalio/workflow';
import type { MailActivities } from '@ngk/activities/mail.activities';

const mail = proxyActivities<Pick<MailActivities, 'sendDailyDigests'>>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Run by the daily Schedule at 07:30 Việt Nam time: each user who chose a digest gets one email. */
export async function notificationDigestWorkflow(): Promise<{ users: number; sent: number }> {
  return mail.sendDailyDigests();
}
