import { z } from 'zod';
import { snowflakeId } from './account.ts';
import { defineEvent } from './registry.ts';

/**
 * One stream per access token (Mastodon keeps one Web Push subscription per token). The
 * key is a hash of the token's vault id, so the log never carries the id itself.
 */
export const pushSubscriptionStream = (tokenKey: string) => `push-subscription-${tokenKey}`;

/** Notification types a subscription may ask to be pushed (Mastodon's `data[alerts]`). */
export const PushAlertType = z.enum(['mention', 'status', 'reblog', 'follow', 'follow_request', 'favourite', 'poll', 'update', 'quote', 'quoted_update', 'admin.sign_up', 'admin.report']);
export const PushAlerts = z.partialRecord(PushAlertType, z.boolean());
/** Whose notifications are pushed: everyone's, accounts the user follows, its followers, nobody's. */
export const PushPolicy = z.enum(['all', 'followed', 'follower', 'none']);

const settings = { alerts: PushAlerts, policy: PushPolicy };

/**
 * A device subscribed (or re-subscribed, replacing the token's earlier subscription). Its
 * endpoint and keys are a capability to reach the device, and the payload carries the
 * access token: both stay in the vault, never in the log.
 */
export const PushSubscriptionCreated = defineEvent(
  'PushSubscriptionCreated',
  1,
  z.object({ subscriptionId: snowflakeId, accountId: snowflakeId, standard: z.boolean(), ...settings, at: z.iso.datetime() }),
);
export const PushSubscriptionAlertsChanged = defineEvent(
  'PushSubscriptionAlertsChanged',
  1,
  z.object({ subscriptionId: snowflakeId, accountId: snowflakeId, ...settings, at: z.iso.datetime() }),
);
/** Removed by its owner, or by the push service answering that the endpoint is gone (404/410). */
export const PushSubscriptionRemoved = defineEvent(
  'PushSubscriptionRemoved',
  1,
  z.object({ subscriptionId: snowflakeId, accountId: snowflakeId, reason: z.enum(['unsubscribed', 'endpoint_gone', 'token_revoked']), at: z.iso.datetime() }),
);

export const pushEvents = [PushSubscriptionCreated, PushSubscriptionAlertsChanged, PushSubscriptionRemoved] as const;
