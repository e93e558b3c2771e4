import type { RecordedEvent } from '@strata/kernel';
import { type EventOf, type NotificationPolicyChanged, strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import type { Projection, ProjectionContext } from '../projection/projection.ts';

export type NotificationPolicy = Omit<EventOf<typeof NotificationPolicyChanged>['data'], 'accountId' | 'at'>;
export interface NotificationPolicyDoc extends Doc, NotificationPolicy {
  /** Revision of the policy stream last applied: an older change replayed never wins. */
  version: number;
}
/** A sender whose notification request the account accepted (id: `account:sender`). */
export interface NotificationPermissionDoc extends Doc {
  accountId: string;
  fromAccountId: string;
  at: string;
}

/** Mastodon's defaults: private mentions from strangers and limited accounts wait as requests. */
export const DEFAULT_NOTIFICATION_POLICY: NotificationPolicy = {
  forNotFollowing: 'accept',
  forNotFollowers: 'accept',
  forNewAccounts: 'accept',
  forPrivateMentions: 'filter',
  forLimitedAccounts: 'filter',
};

export function notificationPoliciesCollection(store: ReadModelStore): Collection<NotificationPolicyDoc> {
  return store.collection<NotificationPolicyDoc>('notification_policies');
}
export function notificationPermissionsCollection(store: ReadModelStore): Collection<NotificationPermissionDoc> {
  return store.collection<NotificationPermissionDoc>('notification_permissions', { indexes: [['accountId'], ['fromAccountId']] });
}

export async function notificationPolicyOf(store: ReadModelStore, accountId: string): Promise<NotificationPolicy> {
  const doc = await notificationPoliciesCollection(store).get(accountId);
  if (!doc) return DEFAULT_NOTIFICATION_POLICY;
  const { id: _id, version: _version, ...policy } = doc;
  return policy;
}

/** Each account's notification policy and accepted senders; both go with the account. */
export const notificationPolicyProjection: Projection = {
  name: 'notification-policy',
  handles: new Set(['NotificationPolicyChanged', 'NotificationRequestAccepted', 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const store = context.readModels;
    if (event?.type === 'NotificationPolicyChanged') {
      const { accountId, at: _at, ...policy } = event.data;
      const current = await notificationPoliciesCollection(store).get(accountId);
      if (current && current.version > recorded.revision) return;
      await notificationPoliciesCollection(store).upsert({ id: accountId, ...policy, version: recorded.revision });
    } else if (event?.type === 'NotificationRequestAccepted') {
      const { accountId, fromAccountId, at } = event.data;
      await notificationPermissionsCollection(store).upsert({ id: `${accountId}:${fromAccountId}`, accountId, fromAccountId, at });
    } else if (event?.type === 'AccountDeleted') {
      const { accountId } = event.data;
      await notificationPoliciesCollection(store).delete(accountId);
      await notificationPermissionsCollection(store).deleteWhere({ accountId });
      await notificationPermissionsCollection(store).deleteWhere({ fromAccountId: accountId });
    }
  },
};
