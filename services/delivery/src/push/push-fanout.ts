import type { ReadModelStore } from '@strata/read-models';
import { type JobQueue, NotProjectedYet, PermanentJobError } from '@strata/job-queue';
import { type NotificationDoc, type PushSubscriptionDoc, isFollowing, notificationsCollection, pushSubscriptionsCollection, waitForProjection } from '@strata/views';
import { PUSH_SEND_QUEUE, PushFanoutJob, type PushDeps, type PushSendJob } from './push-jobs.ts';

/** Whose notifications a subscription's policy lets through (Mastodon's `data[policy]`). */
async function policyAllows(store: ReadModelStore, subscription: PushSubscriptionDoc, notification: NotificationDoc) {
  switch (subscription.policy) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'followed':
      return isFollowing(store, subscription.accountId, notification.fromAccountId);
    case 'follower':
      return isFollowing(store, notification.fromAccountId, subscription.accountId);
  }
}

/**
 * Once the event's notifications are projected, one send job per notification and
 * subscription that asked for its type; what the recipient may see is checked at sending.
 */
export function pushFanoutProcessor(deps: PushDeps, jobs: JobQueue) {
  return async (payload: unknown) => {
    const parsed = PushFanoutJob.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError(`malformed push fan-out job: ${parsed.error.message}`);
    const job = parsed.data;
    const store = await deps.readModels();
    if (!(await waitForProjection(store, job.stream, job.revision))) throw new NotProjectedYet(`${job.stream}@${job.revision} not projected yet`);
    const notifications = await notificationsCollection(store).find({ where: { eventId: job.eventId } });
    for (const notification of notifications) {
      const subscriptions = await pushSubscriptionsCollection(store).find({ where: { accountId: notification.accountId } });
      for (const subscription of subscriptions) {
        if (!subscription.alerts[notification.type] || !(await policyAllows(store, subscription, notification))) continue;
        await jobs.enqueue(PUSH_SEND_QUEUE, { subscriptionId: subscription.id, notificationId: notification.id } satisfies PushSendJob, { maxAttempts: 10 });
      }
    }
  };
}
