import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers, statusOf } from './support/users.ts';

/** The notification policy and notification requests through `masto`: held back, listed apart, accepted, dismissed, dropped. */
const temp = makeTempDir('strata-e2e-notification-policy-');
let strata: StrataProcess;
let alice: TestUser, bob: TestUser, carol: TestUser, dave: TestUser, erin: TestUser;

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  const users = await signUpUsers(strata.url, ['alice', 'bob', 'carol', 'dave', 'erin']);
  [alice, bob, carol, dave, erin] = [users['alice']!, users['bob']!, users['carol']!, users['dave']!, users['erin']!];
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

const call = async (user: TestUser, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${strata.url}${path}`, { method, headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & unknown[] };
};
const mainList = async (user: TestUser) => (await user.client.v1.notifications.list({ limit: 40 })).map((n) => n.status?.content ?? n.type);

describe('notification requests', () => {
  it('sets a private mention from a stranger aside as a request, out of the list, the count and the groups', async () => {
    const dm = await carol.client.v1.statuses.create({ status: '@alice psst, a secret', visibility: 'direct' });
    await bob.client.v1.statuses.create({ status: '@alice public hello' });
    expect((await mainList(alice)).join()).toContain('public hello');
    expect((await mainList(alice)).join()).not.toContain('a secret');
    expect((await alice.client.v1.notifications.unreadCount.fetch()).count).toBe(1);
    const groups = await alice.client.v2.notifications.list();
    expect(groups.notificationGroups).toHaveLength(1);
    const [request] = await alice.client.v1.notifications.requests.list();
    expect(request).toMatchObject({ id: carol.id, account: { id: carol.id }, notificationsCount: '1', lastStatus: { id: dm.id } });
    expect(await alice.client.v1.notifications.requests.$select(carol.id).fetch()).toEqual(request);
    expect(await alice.client.v2.notifications.policy.fetch()).toMatchObject({ forPrivateMentions: 'filter', summary: { pendingRequestsCount: 1, pendingNotificationsCount: 1 } });
    // the request's notifications, as a client opens them
    const filtered = await call(alice, 'GET', `/api/v1/notifications?account_id=${carol.id}&include_filtered=true`);
    expect((filtered.body as { status: { id: string } }[]).map((n) => n.status.id)).toEqual([dm.id]);
    // nobody else sees alice's requests
    expect(await statusOf(bob.client.v1.notifications.requests.$select(carol.id).fetch())).toBe(404);
  });

  it('accepting shows the sender\'s notifications, now and later', async () => {
    await alice.client.v1.notifications.requests.$select(carol.id).accept();
    expect(await alice.client.v1.notifications.requests.list()).toEqual([]);
    expect((await mainList(alice)).join()).toContain('a secret');
    await carol.client.v1.statuses.create({ status: '@alice another secret', visibility: 'direct' });
    expect((await mainList(alice)).join()).toContain('another secret');
    expect((await alice.client.v1.notifications.requests.merged.fetch()).merged).toBe(true);
  });

  it('dismissing removes the request and its notifications; a later one makes a new request', async () => {
    await dave.client.v1.statuses.create({ status: '@alice buy my stuff', visibility: 'direct' });
    expect((await alice.client.v1.notifications.requests.list()).map((r) => r.id)).toEqual([dave.id]);
    await alice.client.v1.notifications.requests.$select(dave.id).dismiss();
    expect(await alice.client.v1.notifications.requests.list()).toEqual([]);
    expect((await call(alice, 'GET', `/api/v1/notifications?account_id=${dave.id}&include_filtered=true`)).body).toEqual([]);
    await dave.client.v1.statuses.create({ status: '@alice really, buy it', visibility: 'direct' });
    expect((await alice.client.v1.notifications.requests.list()).map((r) => r.id)).toEqual([dave.id]);
    expect(await statusOf(alice.client.v1.notifications.requests.$select(erin.id).accept())).toBe(404);
  });

  it('accepts and dismisses in bulk', async () => {
    await erin.client.v1.statuses.create({ status: '@alice hello from erin', visibility: 'direct' });
    expect((await alice.client.v1.notifications.requests.list()).map((r) => r.id).sort()).toEqual([dave.id, erin.id].sort());
    expect((await call(alice, 'POST', '/api/v1/notifications/requests/accept', { id: [dave.id, erin.id] })).status).toBe(200);
    expect(await alice.client.v1.notifications.requests.list()).toEqual([]);
    expect((await mainList(alice)).join()).toContain('hello from erin');
  });
});

describe('the notification policy', () => {
  it('changes through v2 and v1, and refuses values it does not know in Mastodon\'s error shape', async () => {
    const changed = await bob.client.v2.notifications.policy.update({ forNotFollowing: 'drop', forNewAccounts: 'filter' });
    expect(changed).toMatchObject({ forNotFollowing: 'drop', forNotFollowers: 'accept', forNewAccounts: 'filter', forPrivateMentions: 'filter', forLimitedAccounts: 'filter' });
    expect((await call(bob, 'GET', '/api/v1/notifications/policy')).body).toMatchObject({ filter_not_following: true, filter_not_followers: false, filter_new_accounts: true, filter_private_mentions: true });
    expect((await call(bob, 'PATCH', '/api/v1/notifications/policy', { filter_new_accounts: false })).body).toMatchObject({ filter_new_accounts: false, filter_not_following: true });
    expect(await bob.client.v2.notifications.policy.fetch()).toMatchObject({ forNewAccounts: 'accept', forNotFollowing: 'drop' });
    const bad = await call(bob, 'PATCH', '/api/v2/notifications/policy', { for_not_following: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body).toHaveProperty('error');
  });

  it('drops what a `drop` condition catches: neither listed nor a request', async () => {
    await bob.client.v1.accounts.$select(erin.id).follow();
    await dave.client.v1.statuses.create({ status: '@bob from a stranger' });
    await erin.client.v1.statuses.create({ status: '@bob from a friend' });
    const contents = (await mainList(bob)).join();
    expect(contents).toContain('from a friend');
    expect(contents).not.toContain('from a stranger');
    expect(await bob.client.v1.notifications.requests.list()).toEqual([]);
    expect((await call(bob, 'GET', `/api/v1/notifications?account_id=${dave.id}&include_filtered=true`)).body).toEqual([]);
  });
});

describe('several accounts at once', () => {
  it('answers `GET /api/v1/accounts?id[]=` in the order asked, leaving out unknown ids, and refuses malformed ones', async () => {
    const found = await call(alice, 'GET', `/api/v1/accounts?id[]=${carol.id}&id[]=999999&id[]=${bob.id}`);
    expect((found.body as { id: string }[]).map((a) => a.id)).toEqual([carol.id, bob.id]);
    expect((await call(alice, 'GET', '/api/v1/accounts?id[]=abc')).status).toBe(400);
  });
});
