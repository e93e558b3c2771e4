import { type Decider, NotFoundError } from '@strata/kernel';
import type { EventOf, PushSubscriptionAlertsChanged, PushSubscriptionCreated, PushSubscriptionRemoved } from '@strata/contracts';

export type PushSubscriptionEvent = EventOf<typeof PushSubscriptionCreated> | EventOf<typeof PushSubscriptionAlertsChanged> | EventOf<typeof PushSubscriptionRemoved>;
type Created = EventOf<typeof PushSubscriptionCreated>['data'];
type Settings = Pick<Created, 'alerts' | 'policy'>;
export type PushSubscriptionCommand =
  | ({ type: 'Subscribe'; at: Date } & Omit<Created, 'at'>)
  | ({ type: 'ChangeAlerts'; accountId: string; at: Date } & Settings)
  /** Removes only that subscription (a push service may report an old one gone after a newer one came). */
  | { type: 'Unsubscribe'; accountId: string; subscriptionId: string; reason: EventOf<typeof PushSubscriptionRemoved>['data']['reason']; at: Date };
export type PushSubscriptionState = { subscriptionId: string | null };

/** The Web Push subscription of one access token: a new one replaces the old, as in Mastodon. */
export const pushSubscriptionDecider: Decider<PushSubscriptionCommand, PushSubscriptionEvent, PushSubscriptionState> = {
  initialState: () => ({ subscriptionId: null }),
  evolve: (state, event) => {
    if (event.type === 'PushSubscriptionCreated') return { subscriptionId: event.data.subscriptionId };
    if (event.type === 'PushSubscriptionRemoved') return { subscriptionId: null };
    return state;
  },
  decide(command, state) {
    const at = command.at.toISOString();
    if (command.type === 'Subscribe') {
      const { type: _type, at: _at, ...data } = command;
      return [{ type: 'PushSubscriptionCreated', data: { ...data, at } }];
    }
    const { subscriptionId } = state;
    if (command.type === 'ChangeAlerts') {
      if (!subscriptionId) throw new NotFoundError();
      return [{ type: 'PushSubscriptionAlertsChanged', data: { subscriptionId, accountId: command.accountId, alerts: command.alerts, policy: command.policy, at } }];
    }
    if (!subscriptionId || command.subscriptionId !== subscriptionId) return [];
    return [{ type: 'PushSubscriptionRemoved', data: { subscriptionId, accountId: command.accountId, reason: command.reason, at } }];
  },
};
