import { z } from 'zod';
import { snowflakeId } from './account.ts';
import { defineEvent } from './registry.ts';

/** One stream per account: its notification policy and the senders it accepted. */
export const notificationPolicyStream = (accountId: string) => `notification-policy-${accountId}`;

/** What happens to a notification a condition catches: shown, set aside as a request, or never made. */
export const NotificationPolicyValue = z.enum(['accept', 'filter', 'drop']);

export const NotificationPolicyChanged = defineEvent(
  'NotificationPolicyChanged',
  1,
  z.object({
    accountId: snowflakeId,
    forNotFollowing: NotificationPolicyValue,
    forNotFollowers: NotificationPolicyValue,
    forNewAccounts: NotificationPolicyValue,
    forPrivateMentions: NotificationPolicyValue,
    forLimitedAccounts: NotificationPolicyValue,
    at: z.iso.datetime(),
  }),
);

/** The account accepted a notification request: that sender's notifications are shown from now on. */
export const NotificationRequestAccepted = defineEvent('NotificationRequestAccepted', 1, z.object({ accountId: snowflakeId, fromAccountId: snowflakeId, at: z.iso.datetime() }));

export const notificationPolicyEvents = [NotificationPolicyChanged, NotificationRequestAccepted] as const;
