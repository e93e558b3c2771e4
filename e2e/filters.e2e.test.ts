import type { mastodon } from 'masto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { RawStreamClient } from './support/stream-client.ts';
import { type TestUser, signUpUsers, statusOf } from './support/users.ts';

/**
 * Filters as a client uses them through `masto`: v2 CRUD with keywords and statuses, the
 * v1 API, and their effect for their owner only: warn/blur mark statuses with `filtered`,
 * hide removes them, in timelines, threads, notifications and streams.
 */
const temp = makeTempDir('strata-e2e-filters-');
let strata: StrataProcess;
let alice: TestUser, bob: TestUser, carol: TestUser;
const ids = (statuses: { id: string }[]) => statuses.map((s) => s.id);
const byId = (statuses: mastodon.v1.Status[], id: string) => statuses.find((s) => s.id === id);

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  const users = await signUpUsers(strata.url, ['alice', 'bob', 'carol']);
  [alice, bob, carol] = [users['alice']!, users['bob']!, users['carol']!];
  await bob.client.v1.accounts.$select(alice.id).follow();
  await carol.client.v1.accounts.$select(alice.id).follow();
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('filters v2', () => {
  let filter: mastodon.v2.Filter;

  it('creates, reads, updates and deletes a filter with keywords', async () => {
    filter = await bob.client.v2.filters.create({
      title: 'Spoilers',
      context: ['home', 'public', 'thread', 'notifications', 'account'],
      filterAction: 'warn',
      keywordsAttributes: [{ keyword: 'dragon', wholeWord: true }, { keyword: 'ending' }],
    });
    expect(filter).toMatchObject({ title: 'Spoilers', filterAction: 'warn', expiresAt: null, statuses: [] });
    expect(filter.keywords.map((k) => [k.keyword, k.wholeWord])).toEqual([['dragon', true], ['ending', true]]);
    expect(ids(await bob.client.v2.filters.list())).toEqual([filter.id]);
    expect((await bob.client.v2.filters.$select(filter.id).fetch()).title).toBe('Spoilers');
    // nobody else sees or changes it
    expect(await carol.client.v2.filters.list()).toEqual([]);
    expect(await statusOf(carol.client.v2.filters.$select(filter.id).fetch())).toBe(404);
    expect(await statusOf(carol.client.v2.filters.$select(filter.id).remove())).toBe(404);

    const ending = filter.keywords.find((k) => k.keyword === 'ending')!;
    const updated = await bob.client.v2.filters.$select(filter.id).update({ title: 'No spoilers', keywordsAttributes: [{ id: ending.id, _destroy: true }] });
    expect(updated.title).toBe('No spoilers');
    expect(updated.keywords.map((k) => k.keyword)).toEqual(['dragon']);
  });

  it('manages keywords and statuses by their own ids', async () => {
    const keyword = await bob.client.v2.filters.$select(filter.id).keywords.create({ keyword: 'cat', wholeWord: false });
    expect(keyword).toMatchObject({ keyword: 'cat', wholeWord: false });
    expect((await bob.client.v2.filters.keywords.$select(keyword.id).fetch()).keyword).toBe('cat');
    expect((await bob.client.v2.filters.keywords.$select(keyword.id).update({ keyword: 'cats', wholeWord: false })).keyword).toBe('cats');
    expect(await statusOf(carol.client.v2.filters.keywords.$select(keyword.id).fetch())).toBe(404);
    expect((await bob.client.v2.filters.$select(filter.id).keywords.list()).map((k) => k.keyword)).toEqual(['dragon', 'cats']);
    await bob.client.v2.filters.keywords.$select(keyword.id).remove();
    expect(await statusOf(bob.client.v2.filters.keywords.$select(keyword.id).fetch())).toBe(404);

    const post = await alice.client.v1.statuses.create({ status: 'a plain post' });
    const entry = await bob.client.v2.filters.$select(filter.id).statuses.create({ statusId: post.id });
    expect(entry.statusId).toBe(post.id);
    expect((await bob.client.v2.filters.statuses.$select(entry.id).fetch()).statusId).toBe(post.id);
    const home = await bob.client.v1.timelines.home.list();
    expect(byId(home, post.id)?.filtered).toMatchObject([{ filter: { id: filter.id }, statusMatches: [post.id] }]);
    await bob.client.v2.filters.statuses.$select(entry.id).remove();
    expect(byId(await bob.client.v1.timelines.home.list(), post.id)?.filtered).toEqual([]);
    // a status the caller may not see cannot be filtered
    const secret = await alice.client.v1.statuses.create({ status: 'for carol only @carol', visibility: 'direct' });
    expect(await statusOf(bob.client.v2.filters.$select(filter.id).statuses.create({ statusId: secret.id }))).toBe(404);
  });

  it('marks matching statuses for their owner only, in timelines and threads, by whole word', async () => {
    const dragon = await alice.client.v1.statuses.create({ status: 'The Dragon dies at the end' });
    const snapdragon = await alice.client.v1.statuses.create({ status: 'a snapdragon flower', inReplyToId: dragon.id });
    const home = await bob.client.v1.timelines.home.list();
    expect(byId(home, dragon.id)?.filtered).toMatchObject([{ filter: { id: filter.id, title: 'No spoilers', filterAction: 'warn' }, keywordMatches: ['dragon'] }]);
    expect(byId(home, snapdragon.id)?.filtered).toEqual([]);
    expect(byId(await bob.client.v1.timelines.public.list(), dragon.id)?.filtered).toHaveLength(1);
    expect(byId(await bob.client.v1.accounts.$select(alice.id).statuses.list(), dragon.id)?.filtered).toHaveLength(1);
    expect((await bob.client.v1.statuses.$select(snapdragon.id).context.fetch()).ancestors[0]?.filtered).toHaveLength(1);
    // not bob's filter for carol, nor for anonymous readers, and never one's own posts
    expect(byId(await carol.client.v1.timelines.home.list(), dragon.id)?.filtered).toEqual([]);
    const own = await bob.client.v1.statuses.create({ status: 'my dragon' });
    expect(byId(await bob.client.v1.timelines.home.list(), own.id)?.filtered).toEqual([]);
  });

  it('hides matching statuses (and boosts of them) with the hide action, in the chosen contexts only', async () => {
    const hider = await bob.client.v2.filters.create({ title: 'Hide', context: ['home', 'notifications'], filterAction: 'hide', keywordsAttributes: [{ keyword: 'politics' }] });
    const post = await alice.client.v1.statuses.create({ status: 'some politics @bob' });
    await carol.client.v1.statuses.$select(post.id).reblog();
    expect(ids(await bob.client.v1.timelines.home.list())).not.toContain(post.id);
    expect((await bob.client.v1.timelines.home.list()).some((s) => s.reblog?.id === post.id)).toBe(false);
    expect((await bob.client.v1.notifications.list()).some((n) => n.status?.id === post.id)).toBe(false);
    expect((await bob.client.v2.notifications.list()).notificationGroups.some((g) => 'statusId' in g && g.statusId === post.id)).toBe(false);
    // public is not one of its contexts
    expect(ids(await bob.client.v1.timelines.public.list())).toContain(post.id);
    await bob.client.v2.filters.$select(hider.id).update({ expiresIn: 3600 });
    expect((await bob.client.v2.filters.$select(hider.id).fetch()).expiresAt).not.toBeNull();
    await bob.client.v2.filters.$select(hider.id).remove();
    expect(ids(await bob.client.v1.timelines.home.list())).toContain(post.id);
    expect((await bob.client.v2.notifications.list()).notificationGroups.some((g) => 'statusId' in g && g.statusId === post.id)).toBe(true);
    expect(await statusOf(bob.client.v2.filters.$select(hider.id).fetch())).toBe(404);
  });

  it('refuses bad input in Mastodon shape, changing nothing', async () => {
    // parameters that do not parse are a 400 here, as everywhere in Strata's API
    expect(await statusOf(bob.client.v2.filters.create({ title: '', context: ['home'] }))).toBe(400);
    expect(await statusOf(bob.client.v2.filters.create({ title: 'x', context: ['nowhere' as never] }))).toBe(400);
    expect(await statusOf(bob.client.v2.filters.create({ title: 'x', context: ['home'], filterAction: 'explode' as never }))).toBe(400);
    expect(await statusOf(bob.client.v2.filters.$select(filter.id).update({ title: 'changed', keywordsAttributes: [{ id: '123', keyword: 'x' }] }))).toBe(404);
    expect((await bob.client.v2.filters.$select(filter.id).fetch()).title).toBe('No spoilers');
  });
});

describe('filters v1', () => {
  it('shows each keyword as a v1 filter and creates, updates and deletes them', async () => {
    const created = await carol.client.v1.filters.create({ phrase: 'weather', context: ['home'], irreversible: false, wholeWord: true });
    expect(created).toMatchObject({ phrase: 'weather', context: ['home'], wholeWord: true, irreversible: false, expiresAt: null });
    expect((await carol.client.v1.filters.list()).map((f) => f.phrase)).toEqual(['weather']);
    expect((await carol.client.v2.filters.list())[0]).toMatchObject({ title: 'weather', keywords: [{ id: created.id, keyword: 'weather' }] });
    const updated = await carol.client.v1.filters.$select(created.id).update({ phrase: 'rain', context: ['home', 'public'], irreversible: true });
    expect(updated).toMatchObject({ phrase: 'rain', context: ['home', 'public'], irreversible: true });
    const post = await alice.client.v1.statuses.create({ status: 'rain again' });
    expect(ids(await carol.client.v1.timelines.home.list())).not.toContain(post.id);
    await carol.client.v1.filters.$select(created.id).remove();
    expect(await carol.client.v1.filters.list()).toEqual([]);
    expect(await carol.client.v2.filters.list()).toEqual([]);
    expect(ids(await carol.client.v1.timelines.home.list())).toContain(post.id);
  });
});

describe('streams', () => {
  it('tells the owner filters_changed and marks or hides streamed statuses', async () => {
    const socket = await RawStreamClient.connect(`${strata.url.replace('http', 'ws')}/api/v1/streaming?stream=user`, { token: carol.token });
    try {
      await socket.settled();
      const warn = await carol.client.v2.filters.create({ title: 'Warn', context: ['home'], filterAction: 'warn', keywordsAttributes: [{ keyword: 'tea' }] });
      await socket.next((m) => m.event === 'filters_changed');
      await carol.client.v2.filters.create({ title: 'Hide', context: ['home'], filterAction: 'hide', keywordsAttributes: [{ keyword: 'coffee' }] });
      const hidden = await alice.client.v1.statuses.create({ status: 'coffee time' });
      const marked = await alice.client.v1.statuses.create({ status: 'tea time' });
      const update = await socket.next((m) => m.event === 'update' && (JSON.parse(m.payload!) as { id: string }).id === marked.id);
      expect((JSON.parse(update.payload!) as { filtered: Array<{ filter: { id: string }; keyword_matches: string[] }> }).filtered).toMatchObject([{ filter: { id: warn.id }, keyword_matches: ['tea'] }]);
      // the hidden one was announced before the marked one: had it been sent, it would be here by now
      expect(socket.messages.some((m) => m.event === 'update' && (JSON.parse(m.payload!) as { id: string }).id === hidden.id)).toBe(false);
    } finally {
      socket.socket.close();
    }
  });
});
