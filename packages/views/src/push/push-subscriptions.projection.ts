import type { RecordedEvent } from '@strata/kernel';
import { type EventOf, type PushSubscriptionCreated, pushSubscriptionStream, strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import type { Projection, ProjectionContext } from '../projection/projection.ts';

type Created = EventOf<typeof PushSubscriptionCreated>['data'];

/** A Web Push subscription; where it reaches its device is in the vault (PushDeviceDoc). */
export interface PushSubscriptionDoc extends Doc {
  /** Which token's stream it came from (see pushTokenKey). */
  tokenKey: string;
  accountId: string;
  standard: boolean;
  alerts: Created['alerts'];
  policy: Created['policy'];
  createdAt: string;
  /** Revision of its stream last applied, so a replayed older change is ignored. */
  version: number;
}

export function pushSubscriptionsCollection(store: ReadModelStore): Collection<PushSubscriptionDoc> {
  return store.collection<PushSubscriptionDoc>('push_subscriptions', { indexes: [['tokenKey'], ['accountId']] });
}

const tokenKeyOf = (stream: string) => stream.slice(pushSubscriptionStream('').length);

/** Subscriptions by token; a new one replaces the token's old one; all go with their account. */
export const pushSubscriptionsProjection: Projection = {
  name: 'push-subscriptions',
  handles: new Set(['PushSubscriptionCreated', 'PushSubscriptionAlertsChanged', 'PushSubscriptionRemoved', 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const subscriptions = pushSubscriptionsCollection(context.readModels);
    if (event?.type === 'PushSubscriptionCreated') {
      const { subscriptionId, accountId, standard, alerts, policy, at } = event.data;
      const tokenKey = tokenKeyOf(recorded.stream);
      const older = await subscriptions.find({ where: { tokenKey } });
      if (older.some((doc) => doc.version > recorded.revision)) return;
      await subscriptions.deleteWhere({ tokenKey });
      await subscriptions.upsert({ id: subscriptionId, tokenKey, accountId, standard, alerts, policy, createdAt: at, version: recorded.revision });
    } else if (event?.type === 'PushSubscriptionAlertsChanged') {
      const current = await subscriptions.get(event.data.subscriptionId);
      if (!current || current.version > recorded.revision) return;
      await subscriptions.upsert({ ...current, alerts: event.data.alerts, policy: event.data.policy, version: recorded.revision });
    } else if (event?.type === 'PushSubscriptionRemoved') {
      await subscriptions.delete(event.data.subscriptionId);
    } else if (event?.type === 'AccountDeleted') {
      await subscriptions.deleteWhere({ accountId: event.data.accountId });
    }
  },
};
