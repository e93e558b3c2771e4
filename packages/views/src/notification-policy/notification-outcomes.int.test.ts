import { describe, expect, it } from 'vitest';
import { openSqliteReadModels } from '@strata/read-models';
import type { NotificationDoc } from '../notifications/notifications.ts';
import type { StatusDoc } from '../statuses/statuses.collection.ts';
import type { ViewerRelations } from '../visibility/visibility-policy.ts';
import { accountsCollection } from '../accounts/accounts.view.ts';
import { followsCollection } from '../relationships/relationships.collection.ts';
import { notificationOutcomes } from './notification-outcomes.ts';
import { notificationPoliciesCollection, notificationPermissionsCollection } from './notification-policy.projection.ts';

const now = '2026-11-23T12:00:00.000Z';
const old = '2026-01-01T00:00:00.000Z';
const relations = (silenced: string[] = []): ViewerRelations & { viewerId: string } => ({
  viewerId: '1', following: new Set(), blocked: new Set(), muted: new Set(), unavailable: new Set(), silenced: new Set(silenced), domainBlocked: new Set(),
});
const notification = (id: string, fromAccountId: string, type: NotificationDoc['type'] = 'mention', statusId: string | null = null): NotificationDoc =>
  ({ id, accountId: '1', type, fromAccountId, statusId, createdAt: now, groupKey: `ungrouped-${id}` });

async function world() {
  const store = openSqliteReadModels({ path: ':memory:' });
  const account = (id: string, createdAt = old, role = 'user') => accountsCollection(store).upsert({ id, createdAt, role } as never);
  await Promise.all([account('2'), account('3'), account('4', '2026-11-20T00:00:00.000Z'), account('5', old, 'moderator')]);
  // recipient 1 follows 2; 3 follows 1 since long ago
  await followsCollection(store).upsert({ id: '1:2', followerId: '1', followedId: '2', state: 'following', createdAt: old } as never);
  await followsCollection(store).upsert({ id: '3:1', followerId: '3', followedId: '1', state: 'following', createdAt: old } as never);
  return store;
}

describe('notification outcomes', () => {
  it('holds back a private mention from a stranger by default, but not a public one, nor from staff', async () => {
    const store = await world();
    const dm = { id: '90', visibility: 'direct', inReplyToAccountId: null } as StatusDoc;
    const pub = { id: '91', visibility: 'public', inReplyToAccountId: null } as StatusDoc;
    const statuses = new Map([[dm.id, dm], [pub.id, pub]]);
    const outcomes = await notificationOutcomes(store, relations(), [notification('a', '3', 'mention', '90'), notification('b', '3', 'mention', '91'), notification('c', '5', 'mention', '90'), notification('d', '2', 'mention', '90')], statuses);
    expect(Object.fromEntries(outcomes)).toEqual({ a: 'filter', b: 'accept', c: 'accept', d: 'accept' });
  });

  it('applies the strictest condition, and an accepted sender always passes', async () => {
    const store = await world();
    await notificationPoliciesCollection(store).upsert({ id: '1', forNotFollowing: 'filter', forNotFollowers: 'drop', forNewAccounts: 'filter', forPrivateMentions: 'accept', forLimitedAccounts: 'drop', version: 0 });
    const docs = [notification('a', '3', 'favourite'), notification('b', '4', 'follow'), notification('c', '2', 'reblog'), notification('e', '2', 'status')];
    expect(Object.fromEntries(await notificationOutcomes(store, relations(), docs, new Map()))).toEqual({ a: 'filter', b: 'drop', c: 'drop', e: 'accept' });
    await notificationPermissionsCollection(store).upsert({ id: '1:4', accountId: '1', fromAccountId: '4', at: now });
    expect((await notificationOutcomes(store, relations(['3']), docs, new Map())).get('b')).toBe('accept');
    expect((await notificationOutcomes(store, relations(['3']), docs, new Map())).get('a')).toBe('drop');
  });
});
