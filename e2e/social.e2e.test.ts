import type { mastodon } from 'masto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers, statusOf } from './support/users.ts';

/**
 * The social loop as several people use it through the `masto` library: posts with
 * mentions and tags, follows (a locked account's approval), replies, boosts,
 * favourites, timelines with paging both ways, notifications and search.
 */
const temp = makeTempDir('strata-e2e-social-');
let strata: StrataProcess;
let alice: TestUser, bob: TestUser, carol: TestUser, dave: TestUser;
const ids = (statuses: { id: string }[]) => statuses.map((s) => s.id);

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  const users = await signUpUsers(strata.url, ['alice', 'bob', 'carol', 'dave']);
  [alice, bob, carol, dave] = [users['alice']!, users['bob']!, users['carol']!, users['dave']!];
  await carol.client.v1.accounts.updateCredentials({ locked: true });
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('posting', () => {
  let hello: mastodon.v1.Status;

  it('renders mentions, hashtags and links and shows the post at once', async () => {
    hello = await alice.client.v1.statuses.create({ status: 'Hello @bob! #Strata is here: https://example.com/a' });
    expect(hello).toMatchObject({
      visibility: 'public',
      account: { username: 'alice' },
      mentions: [{ id: bob.id, username: 'bob', acct: 'bob' }],
      tags: [{ name: 'strata' }],
      repliesCount: 0,
      favourited: false,
      reblogged: false,
    });
    expect(hello.content).toContain(`<span class="h-card" translate="no"><a href="http://localhost:${strata.port}/@bob" class="u-url mention">@<span>bob</span></a></span>`);
    expect(hello.content).toContain(`<a href="http://localhost:${strata.port}/tags/strata" class="mention hashtag" rel="tag">#<span>Strata</span></a>`);
    expect(ids(await alice.client.v1.timelines.home.list())).toContain(hello.id);
    expect((await alice.client.v1.accounts.verifyCredentials()).statusesCount).toBe(1);
  });

  it('notifies the mentioned account', async () => {
    const [mention] = await bob.client.v1.notifications.list({ types: ['mention'] });
    expect(mention).toMatchObject({ type: 'mention', account: { username: 'alice' }, status: { id: hello.id } });
  });

  it('refuses bad posts with Mastodon-shaped errors', async () => {
    expect(await statusOf(alice.client.v1.statuses.create({ status: 'x'.repeat(501) }))).toBe(422);
    expect(await statusOf(alice.client.v1.statuses.create({ status: '   ' }))).toBe(422);
    expect(await statusOf(alice.client.v1.statuses.create({ status: 'reply', inReplyToId: '123456' }))).toBe(404);
    expect(await statusOf(alice.client.v1.statuses.$select('999999').fetch())).toBe(404);
    const link = `https://example.com/${'x'.repeat(600)}`;
    expect((await alice.client.v1.statuses.create({ status: `long link ${link}` })).content).toContain('ellipsis');
  });

  it('replays an Idempotency-Key within the hour', async () => {
    const first = await alice.client.v1.statuses.create({ status: 'once' }, { requestInit: { headers: { 'Idempotency-Key': 'key-1' } } });
    const again = await alice.client.v1.statuses.create({ status: 'once' }, { requestInit: { headers: { 'Idempotency-Key': 'key-1' } } });
    expect(again.id).toBe(first.id);
  });

  it('edits with history and source, and deletes with the text for redraft', async () => {
    const post = await alice.client.v1.statuses.create({ status: 'first draft' });
    const edited = await alice.client.v1.statuses.$select(post.id).update({ status: 'second draft #edited' });
    expect(edited.editedAt).not.toBeNull();
    expect(edited.content).toContain('second draft');
    expect((await alice.client.v1.statuses.$select(post.id).history.list()).map((e) => e.content)).toEqual(['<p>first draft</p>', expect.stringContaining('second draft')]);
    expect(await alice.client.v1.statuses.$select(post.id).source.fetch()).toMatchObject({ text: 'second draft #edited' });
    expect(await statusOf(bob.client.v1.statuses.$select(post.id).update({ status: 'hijack' }))).toBe(403);
    const deleted = await alice.client.v1.statuses.$select(post.id).remove();
    expect(deleted).toMatchObject({ id: post.id, text: 'second draft #edited' });
    expect(await statusOf(alice.client.v1.statuses.$select(post.id).fetch())).toBe(404);
  });
});

describe('following', () => {
  it('follows an open account at once, with the follow notified and the home timeline filled', async () => {
    const relationship = await bob.client.v1.accounts.$select(alice.id).follow();
    expect(relationship).toMatchObject({ id: alice.id, following: true, showingReblogs: true, requested: false });
    const [notification] = await alice.client.v1.notifications.list({ types: ['follow'] });
    expect(notification).toMatchObject({ type: 'follow', account: { username: 'bob' } });
    const home = await bob.client.v1.timelines.home.list();
    expect(home.some((s) => s.account.username === 'alice')).toBe(true);
    expect((await alice.client.v1.accounts.$select(alice.id).fetch()).followersCount).toBe(1);
    expect(await statusOf(bob.client.v1.accounts.$select(bob.id).follow())).toBe(403);
  });

  it('notifies a follower who asked to be told of new posts', async () => {
    await dave.client.v1.accounts.$select(alice.id).follow({ notify: true });
    expect((await dave.client.v1.accounts.relationships.fetch({ id: [alice.id] }))[0]).toMatchObject({ following: true, notifying: true });
    const post = await alice.client.v1.statuses.create({ status: 'ring the bell' });
    const [notification] = await dave.client.v1.notifications.list({ types: ['status'] });
    expect(notification).toMatchObject({ type: 'status', status: { id: post.id } });
    await dave.client.v1.accounts.$select(alice.id).unfollow();
  });

  it('asks a locked account, which approves', async () => {
    expect(await bob.client.v1.accounts.$select(carol.id).follow()).toMatchObject({ following: false, requested: true });
    expect((await carol.client.v1.followRequests.list()).map((a) => a.username)).toEqual(['bob']);
    expect((await carol.client.v1.notifications.list({ types: ['follow_request'] })).length).toBe(1);
    expect(await carol.client.v1.followRequests.$select(bob.id).authorize()).toMatchObject({ followedBy: true });
    const [relationship] = await bob.client.v1.accounts.relationships.fetch({ id: [carol.id] });
    expect(relationship).toMatchObject({ following: true, requested: false });
    expect((await carol.client.v1.accounts.$select(carol.id).followers.list()).map((a) => a.username)).toEqual(['bob']);
  });

  it('shows private posts to followers and the mentioned only, direct posts to the mentioned only', async () => {
    const secret = await carol.client.v1.statuses.create({ status: 'followers only', visibility: 'private' });
    expect((await bob.client.v1.statuses.$select(secret.id).fetch()).id).toBe(secret.id);
    expect(ids(await bob.client.v1.timelines.home.list())).toContain(secret.id);
    expect(await statusOf(dave.client.v1.statuses.$select(secret.id).fetch())).toBe(404);
    expect(ids(await dave.client.v1.timelines.public.list())).not.toContain(secret.id);

    const direct = await alice.client.v1.statuses.create({ status: '@dave just for you', visibility: 'direct' });
    expect((await dave.client.v1.statuses.$select(direct.id).fetch()).visibility).toBe('direct');
    expect(await statusOf(bob.client.v1.statuses.$select(direct.id).fetch())).toBe(404);
    expect(ids(await bob.client.v1.timelines.home.list())).not.toContain(direct.id);
    expect(await statusOf(dave.client.v1.statuses.$select(direct.id).reblog())).toBe(403);
    expect(await statusOf(bob.client.v1.statuses.$select(secret.id).reblog())).toBe(403);
  });

  it('keeps unlisted posts out of the public and tag timelines', async () => {
    const quiet = await alice.client.v1.statuses.create({ status: 'quietly #strata', visibility: 'unlisted' });
    expect(ids(await dave.client.v1.timelines.public.list({ limit: 40 }))).not.toContain(quiet.id);
    expect(ids(await dave.client.v1.timelines.tag.$select('strata').list())).not.toContain(quiet.id);
    expect(ids(await bob.client.v1.timelines.home.list())).toContain(quiet.id);
  });
});

describe('conversations and reactions', () => {
  it('threads replies and counts them', async () => {
    const root = await alice.client.v1.statuses.create({ status: 'what do you think?' });
    const reply = await bob.client.v1.statuses.create({ status: '@alice I like it', inReplyToId: root.id });
    const nested = await alice.client.v1.statuses.create({ status: '@bob thanks', inReplyToId: reply.id });
    const context = await dave.client.v1.statuses.$select(reply.id).context.fetch();
    expect(ids(context.ancestors)).toEqual([root.id]);
    expect(ids(context.descendants)).toEqual([nested.id]);
    expect((await dave.client.v1.statuses.$select(root.id).fetch()).repliesCount).toBe(1);
  });

  it('boosts into followers’ home timelines, once, notifying the author', async () => {
    await dave.client.v1.accounts.$select(bob.id).follow();
    const post = await alice.client.v1.statuses.create({ status: 'boost me' });
    const boost = await bob.client.v1.statuses.$select(post.id).reblog();
    expect(boost).toMatchObject({ reblog: { id: post.id, reblogsCount: 1, reblogged: true }, account: { username: 'bob' } });
    expect((await bob.client.v1.statuses.$select(post.id).reblog()).id).toBe(boost.id);
    const home = await dave.client.v1.timelines.home.list();
    expect(home.find((s) => s.id === boost.id)?.reblog?.id).toBe(post.id);
    expect((await alice.client.v1.notifications.list({ types: ['reblog'] }))[0]).toMatchObject({ account: { username: 'bob' }, status: { id: post.id } });
    expect((await alice.client.v1.statuses.$select(post.id).rebloggedBy.list()).map((a) => a.username)).toEqual(['bob']);
    const undone = await bob.client.v1.statuses.$select(post.id).unreblog();
    expect(undone).toMatchObject({ id: post.id, reblogged: false, reblogsCount: 0 });
    expect(ids(await dave.client.v1.timelines.home.list())).not.toContain(boost.id);
  });

  it('favourites and bookmarks idempotently, with the caller’s own flags', async () => {
    const post = await alice.client.v1.statuses.create({ status: 'favourite me' });
    await dave.client.v1.statuses.$select(post.id).favourite();
    const twice = await dave.client.v1.statuses.$select(post.id).favourite();
    expect(twice).toMatchObject({ favourited: true, favouritesCount: 1 });
    expect((await alice.client.v1.statuses.$select(post.id).fetch()).favourited).toBe(false);
    expect(ids(await dave.client.v1.favourites.list())).toContain(post.id);
    expect((await alice.client.v1.statuses.$select(post.id).favouritedBy.list()).map((a) => a.username)).toEqual(['dave']);
    expect((await alice.client.v1.notifications.list({ types: ['favourite'] }))[0]).toMatchObject({ account: { username: 'dave' } });
    await dave.client.v1.statuses.$select(post.id).bookmark();
    expect(ids(await dave.client.v1.bookmarks.list())).toEqual([post.id]);
    expect((await dave.client.v1.statuses.$select(post.id).unfavourite()).favouritesCount).toBe(0);
    await alice.client.v1.statuses.$select(post.id).pin();
    expect(ids(await dave.client.v1.accounts.$select(alice.id).statuses.list({ pinned: true }))).toEqual([post.id]);
  });

  it('removes a deleted status and its boosts everywhere', async () => {
    const post = await alice.client.v1.statuses.create({ status: 'soon gone' });
    const boost = await bob.client.v1.statuses.$select(post.id).reblog();
    await alice.client.v1.statuses.$select(post.id).remove();
    expect(ids(await bob.client.v1.timelines.home.list())).not.toContain(post.id);
    expect(ids(await dave.client.v1.timelines.home.list())).not.toContain(boost.id);
    expect(await statusOf(bob.client.v1.statuses.$select(boost.id).fetch())).toBe(404);
  });
});

describe('timelines', () => {
  it('pages the home timeline both ways with Mastodon’s ids and Link headers', async () => {
    const posted = [];
    for (let i = 0; i < 5; i++) posted.push((await alice.client.v1.statuses.create({ status: `page ${i}` })).id);
    const newest = posted.slice().reverse();
    const first = await bob.client.v1.timelines.home.list({ limit: 2 });
    expect(ids(first)).toEqual(newest.slice(0, 2));
    const second = await bob.client.v1.timelines.home.list({ limit: 2, maxId: first[1]!.id });
    expect(ids(second)).toEqual(newest.slice(2, 4));
    const justAfter = await bob.client.v1.timelines.home.list({ limit: 2, minId: newest[3] });
    expect(ids(justAfter)).toEqual(newest.slice(1, 3));
    const since = await bob.client.v1.timelines.home.list({ limit: 2, sinceId: newest[3] });
    expect(ids(since)).toEqual(newest.slice(0, 2));
    const raw = await fetch(`${strata.url}/api/v1/timelines/home?limit=2`, { headers: { authorization: `Bearer ${bob.token}` } });
    expect(raw.headers.get('link')).toMatch(new RegExp(`max_id=${newest[1]}>; rel="next", <.*min_id=${newest[0]}>; rel="prev"`));
    const nonsense = await fetch(`${strata.url}/api/v1/timelines/home?max_id=banana`, { headers: { authorization: `Bearer ${bob.token}` } });
    expect(nonsense.status).toBe(400);
  });

  it('serves public and hashtag timelines', async () => {
    const tagged = await dave.client.v1.statuses.create({ status: 'about #Cats and #dogs' });
    expect(ids(await alice.client.v1.timelines.public.list({ limit: 5 }))).toContain(tagged.id);
    expect(ids(await alice.client.v1.timelines.tag.$select('cats').list())).toEqual([tagged.id]);
    const tagPage = async (path: string) =>
      ids((await (await fetch(`${strata.url}/api/v1/timelines/tag/${path}`)).json()) as { id: string }[]);
    expect(await tagPage('cats?none[]=dogs')).toEqual([]);
    expect(await tagPage('birds?any[]=dogs')).toEqual([tagged.id]);
    expect(await tagPage('cats?all[]=dogs')).toEqual([tagged.id]);
    expect(await tagPage('cats?all[]=dogs&all[]=birds')).toEqual([]);
    expect(await tagPage('birds?any[]=dogs&any[]=cats')).toEqual([tagged.id]);
    expect(await tagPage('cats?local=true')).toEqual([tagged.id]);
    expect(await tagPage('cats?remote=true')).toEqual([]);
    expect(await tagPage('cats?only_media=true')).toEqual([]);
    // an edit that changes the tags moves the status between tag timelines
    await dave.client.v1.statuses.$select(tagged.id).update({ status: 'about #birds now' });
    expect(await tagPage('cats')).toEqual([]);
    expect(await tagPage('birds')).toEqual([tagged.id]);
    await dave.client.v1.statuses.$select(tagged.id).remove();
    expect(await tagPage('birds')).toEqual([]);
  });
});

describe('blocks and mutes', () => {
  it('hide a blocked account from timelines and notifications, and end follows', async () => {
    const before = await alice.client.v1.statuses.create({ status: 'dave will not see this' });
    await dave.client.v1.accounts.$select(alice.id).block();
    expect(ids(await dave.client.v1.timelines.public.list({ limit: 40 }))).not.toContain(before.id);
    expect(await statusOf(dave.client.v1.statuses.$select(before.id).fetch())).toBe(404);
    const post = await dave.client.v1.statuses.create({ status: '@alice can you hear me' });
    expect(ids((await alice.client.v1.notifications.list()).flatMap((n) => (n.status ? [n.status] : [])))).not.toContain(post.id);
    expect((await dave.client.v1.blocks.list()).map((a) => a.username)).toEqual(['alice']);
    await dave.client.v1.accounts.$select(alice.id).unblock();
  });

  it('hide a muted account from the home timeline', async () => {
    await bob.client.v1.accounts.$select(dave.id).follow();
    await bob.client.v1.accounts.$select(dave.id).mute({ duration: 3600 });
    const post = await dave.client.v1.statuses.create({ status: 'muted words' });
    expect(ids(await bob.client.v1.timelines.home.list())).not.toContain(post.id);
    expect((await bob.client.v1.accounts.relationships.fetch({ id: [dave.id] }))[0]).toMatchObject({ muting: true, mutingNotifications: true });
    await bob.client.v1.accounts.$select(dave.id).unmute();
    expect(ids(await bob.client.v1.timelines.home.list())).toContain(post.id);
  });
});

describe('notifications and search', () => {
  it('filters, counts, dismisses and clears notifications', async () => {
    // undone favourites and boosts took their notifications with them, as in Mastodon
    const kept = await alice.client.v1.statuses.create({ status: 'keep this one' });
    await bob.client.v1.statuses.$select(kept.id).favourite();
    const all = await alice.client.v1.notifications.list({ limit: 40 });
    expect(new Set(all.map((n) => n.type))).toEqual(new Set(['follow', 'favourite', 'mention']));
    const onlyFavourites = await alice.client.v1.notifications.list({ excludeTypes: ['follow', 'mention'] });
    expect(onlyFavourites.map((n) => n.type)).toEqual(['favourite']);
    const unread = await fetch(`${strata.url}/api/v1/notifications/unread_count`, { headers: { authorization: `Bearer ${alice.token}` } });
    expect(((await unread.json()) as { count: number }).count).toBe(all.length);
    await alice.client.v1.markers.create({ notifications: { lastReadId: all[0]!.id } });
    expect((await alice.client.v1.markers.fetch({ timeline: ['notifications'] })).notifications?.lastReadId).toBe(all[0]!.id);
    await alice.client.v1.notifications.$select(all[0]!.id).dismiss();
    expect(ids(await alice.client.v1.notifications.list({ limit: 40 }))).not.toContain(all[0]!.id);
    await alice.client.v1.notifications.clear();
    expect(await alice.client.v1.notifications.list()).toEqual([]);
  });

  it('finds accounts, hashtags and statuses the caller may see', async () => {
    const result = await bob.client.v2.search.list({ q: 'alice' });
    expect(result.accounts.map((a) => a.username)).toEqual(['alice']);
    expect((await bob.client.v2.search.list({ q: 'stra', type: 'hashtags' })).hashtags.map((t) => t.name)).toEqual(['strata']);
    const statuses = (await bob.client.v2.search.list({ q: 'followers only', type: 'statuses' })).statuses;
    expect(statuses.map((s) => s.account.username)).toEqual(['carol']);
    expect((await dave.client.v2.search.list({ q: 'followers only', type: 'statuses' })).statuses).toEqual([]);
    await bob.client.v1.tags.$select('cats').follow();
    expect((await bob.client.v1.followedTags.list()).map((t) => t.name)).toEqual(['cats']);
    const catPost = await carol.client.v1.statuses.create({ status: 'more #cats' });
    await alice.client.v1.accounts.$select(carol.id).follow();
    expect(ids(await bob.client.v1.timelines.home.list())).toContain(catPost.id);
  });
});

describe('lists and grouped notifications', () => {
  it('keeps a list of followed accounts with its own timeline', async () => {
    const list = await bob.client.v1.lists.create({ title: 'Friends', repliesPolicy: 'list' } as { title: string });
    expect(list).toMatchObject({ title: 'Friends', repliesPolicy: 'list', exclusive: false });
    expect(await statusOf(bob.client.v1.lists.$select(list.id).accounts.create({ accountIds: [alice.id, dave.id] }))).toBe(200);
    expect((await bob.client.v1.lists.$select(list.id).accounts.list()).map((a) => a.username).sort()).toEqual(['alice', 'dave']);
    const post = await alice.client.v1.statuses.create({ status: 'for the list' });
    expect(ids(await bob.client.v1.timelines.list.$select(list.id).list())).toContain(post.id);
    expect(await statusOf(alice.client.v1.lists.$select(list.id).fetch())).toBe(404);
    expect(await statusOf(bob.client.v1.lists.$select(list.id).accounts.create({ accountIds: [carol.id, alice.id, '1'] }))).toBe(422);
    await bob.client.v1.lists.$select(list.id).update({ title: 'Close friends' });
    expect((await bob.client.v1.lists.list()).map((l) => l.title)).toEqual(['Close friends']);
    await bob.client.v1.lists.$select(list.id).remove();
    expect(await bob.client.v1.lists.list()).toEqual([]);
  });

  it('groups favourites of one status', async () => {
    const post = await carol.client.v1.statuses.create({ status: 'group these' });
    await bob.client.v1.statuses.$select(post.id).favourite();
    await dave.client.v1.statuses.$select(post.id).favourite();
    const grouped = await carol.client.v2.notifications.list({ types: ['favourite'] });
    type Group = { statusId?: string; groupKey: string; sampleAccountIds: string[] };
    const groups = (list: unknown[]) => list as Group[];
    const group = groups(grouped.notificationGroups).find((g) => g.statusId === post.id)!;
    expect(group).toMatchObject({ type: 'favourite', notificationsCount: 2, groupKey: `favourite-${post.id}` });
    expect(group.sampleAccountIds.sort()).toEqual([bob.id, dave.id].sort());
    expect(grouped.statuses.map((s) => s.id)).toContain(post.id);
    await carol.client.v2.notifications.$select(group.groupKey).dismiss();
    expect(groups((await carol.client.v2.notifications.list({ types: ['favourite'] })).notificationGroups).some((g) => g.statusId === post.id)).toBe(false);
  });
});
