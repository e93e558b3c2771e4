import { describe, expect, it } from 'vitest';
import { NotFoundError, foldEvents } from '@strata/kernel';
import { type PushSubscriptionEvent, pushSubscriptionDecider as decider } from './push-subscription.decider.ts';

const at = new Date('2026-11-23T12:00:00Z');
const subscribe = (subscriptionId: string) =>
  decider.decide({ type: 'Subscribe', subscriptionId, accountId: '7', standard: true, alerts: { mention: true }, policy: 'all', at }, decider.initialState());
const state = (events: PushSubscriptionEvent[]) => foldEvents(decider, events);

describe('the push subscription decider', () => {
  it('a new subscription replaces the token\'s old one', () => {
    const events = [...subscribe('1'), ...subscribe('2')];
    expect(state(events)).toEqual({ subscriptionId: '2' });
  });

  it('changes alerts only of an existing subscription', () => {
    expect(() => decider.decide({ type: 'ChangeAlerts', accountId: '7', alerts: {}, policy: 'none', at }, decider.initialState())).toThrow(NotFoundError);
    expect(decider.decide({ type: 'ChangeAlerts', accountId: '7', alerts: { follow: true }, policy: 'followed', at }, state(subscribe('1')))).toMatchObject([
      { type: 'PushSubscriptionAlertsChanged', data: { subscriptionId: '1', alerts: { follow: true }, policy: 'followed' } },
    ]);
  });

  it('removes only the subscription named: a push service reporting an old one gone leaves the newer', () => {
    const current = state([...subscribe('1'), ...subscribe('2')]);
    expect(decider.decide({ type: 'Unsubscribe', accountId: '7', subscriptionId: '1', reason: 'endpoint_gone', at }, current)).toEqual([]);
    const removed = decider.decide({ type: 'Unsubscribe', accountId: '7', subscriptionId: '2', reason: 'endpoint_gone', at }, current);
    expect(removed).toMatchObject([{ type: 'PushSubscriptionRemoved', data: { subscriptionId: '2', reason: 'endpoint_gone' } }]);
    expect(decider.decide({ type: 'Unsubscribe', accountId: '7', subscriptionId: '2', reason: 'unsubscribed', at }, decider.evolve(current, removed[0]!))).toEqual([]);
  });
});
