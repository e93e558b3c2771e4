import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, type StrataProcess } from '@strata/testkit';
import { startTwoInstances } from './support/two-instances.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * Moving house: alice on A exports her follows (of accounts on A and on B), her lists,
 * blocks, mutes and bookmarks; max, a new account on B, imports the files and ends with
 * the same follows and lists. The accounts and the status of A are unknown to B until the
 * import job resolves them through federation (WebFinger, then the actor), as search with
 * `resolve=true` does, and the follows reach A as Follow activities.
 */
const A = '127.0.0.6';
const B = '127.0.0.7';
const temps = [makeTempDir('strata-e2e-move-a-'), makeTempDir('strata-e2e-move-b-')];
let a: StrataProcess, b: StrataProcess;
let alice: TestUser, ann: TestUser, abe: TestUser; // on A
let max: TestUser; // on B (and bea, whom alice follows)
const WAIT = 30_000;

const get = (server: StrataProcess, path: string, token: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
const csv = async (server: StrataProcess, kind: string, token: string) => {
  const response = await get(server, `/settings/exports/${kind}.csv`, token);
  expect(response.status, kind).toBe(200);
  return response.text();
};
/** The lines of a CSV in a fixed order: list members come in no particular one. */
const lines = (text: string) => text.split('\n').filter(Boolean).sort();

interface Progress { id: string; state: string; total_items: number; processed_items: number; imported_items: number; failed_items: number; failures: string[] }
async function importOnB(type: string, data: string, mode = 'merge'): Promise<Progress> {
  const response = await fetch(`${b.url}/settings/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${max.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type, mode, data }),
  });
  const created = (await response.json()) as Progress & { error?: string };
  expect(response.status, created.error).toBe(200);
  return finished(created.id);
}
const finished = (id: string) =>
  eventually(async () => {
    const progress = (await (await get(b, `/settings/imports/${id}`, max.token)).json()) as Progress;
    return progress.state === 'finished' ? progress : undefined;
  }, WAIT);

beforeAll(async () => {
  [a, b] = await startTwoInstances([A, B], [temps[0]!.path, temps[1]!.path], { STRATA_SIGN_UP_LIMIT_PER_ADDRESS: '100' });
  ({ alice, ann, abe } = (await signUpUsers(a.url, ['alice', 'ann', 'abe'])) as Record<'alice' | 'ann' | 'abe', TestUser>);
  ({ max } = (await signUpUsers(b.url, ['bea', 'max'])) as Record<'bea' | 'max', TestUser>);

  // alice's life on A: a local and a remote follow, two lists, a block, a mute, a bookmark
  const beaOnA = (await alice.client.v2.search.list({ q: `@bea@${B}`, resolve: true, type: 'accounts' })).accounts[0]!;
  await alice.client.v1.accounts.$select(ann.id).follow({ notify: true });
  await alice.client.v1.accounts.$select(beaOnA.id).follow({ reblogs: false, languages: ['en'] });
  await eventually(async () => (await alice.client.v1.accounts.relationships.fetch({ id: [beaOnA.id] }))[0]!.following || null, WAIT);
  const friends = await alice.client.v1.lists.create({ title: 'Friends' });
  await alice.client.v1.lists.$select(friends.id).accounts.create({ accountIds: [ann.id, beaOnA.id] });
  const far = await alice.client.v1.lists.create({ title: 'Far away' });
  await alice.client.v1.lists.$select(far.id).accounts.create({ accountIds: [beaOnA.id] });
  await alice.client.v1.accounts.$select(abe.id).block();
  await alice.client.v1.accounts.$select(beaOnA.id).mute({ notifications: false });
  const post = await ann.client.v1.statuses.create({ status: 'worth keeping, even elsewhere' });
  await alice.client.v1.statuses.$select(post.id).bookmark();
}, 90_000);

afterAll(async () => {
  await Promise.all([a?.kill(), b?.kill()]);
  for (const temp of temps) temp.remove();
});

describe('an export of A imported on B', () => {
  it('names accounts of both servers by user@domain', async () => {
    expect(await csv(a, 'following_accounts', alice.token)).toBe(
      `Account address,Show boosts,Notify on new posts,Languages\nann@${A},true,true,\nbea@${B},false,false,en\n`,
    );
    expect(lines(await csv(a, 'lists', alice.token))).toEqual([`Far away,bea@${B}`, `Friends,ann@${A}`, `Friends,bea@${B}`]);
  });

  it('resolves the accounts of A through federation and follows them, with the same options and lists', async () => {
    expect((await max.client.v2.search.list({ q: `ann@${A}`, type: 'accounts' })).accounts).toEqual([]); // B does not know A's accounts yet
    const following = await importOnB('following', await csv(a, 'following_accounts', alice.token));
    expect(following).toMatchObject({ total_items: 2, processed_items: 2, imported_items: 2, failed_items: 0 });
    // ann's server accepted the Follow it was sent: the same file comes out of B
    // (in the order each follow took effect: a remote one does when its Accept arrives)
    const sameFollows = async () => lines(await csv(b, 'following_accounts', max.token)).join('\n') === lines(await csv(a, 'following_accounts', alice.token)).join('\n');
    await eventually(sameFollows, WAIT);
    expect((await ann.client.v1.accounts.$select(ann.id).followers.list()).map((account) => account.acct)).toContain(`max@${B}`);

    expect(await importOnB('lists', await csv(a, 'lists', alice.token))).toMatchObject({ imported_items: 3, failed_items: 0 });
    expect(lines(await csv(b, 'lists', max.token))).toEqual(lines(await csv(a, 'lists', alice.token)));
    const lists = await max.client.v1.lists.list();
    const friends = lists.find((list) => list.title === 'Friends')!;
    expect((await max.client.v1.lists.$select(friends.id).accounts.list()).map((account) => account.acct).sort()).toEqual([`ann@${A}`, 'bea']);
  });

  it('imports blocks, mutes and bookmarks, fetching the bookmarked status from A', async () => {
    for (const [type, kind] of [['blocking', 'blocks'], ['muting', 'mutes'], ['bookmarks', 'bookmarks']] as const) {
      expect(await importOnB(type, await csv(a, kind, alice.token)), type).toMatchObject({ failed_items: 0 });
      expect(await csv(b, kind, max.token), kind).toBe(await csv(a, kind, alice.token));
    }
    const [bookmark] = await max.client.v1.bookmarks.list();
    expect(bookmark).toMatchObject({ account: { acct: `ann@${A}` } });
    expect(bookmark!.content).toContain('worth keeping');
  });

  it('tells the rows it could not resolve, and a retry changes nothing already done', async () => {
    const file = `Account address,Show boosts,Notify on new posts,Languages\nann@${A},true,true,\nnobody@${A},true,false,\n`;
    const merged = await importOnB('following', file);
    expect(merged).toMatchObject({ total_items: 2, imported_items: 1, failed_items: 1, failures: [`nobody@${A}: no such account found`] });
    const retried = await fetch(`${b.url}/settings/imports/${merged.id}/retry`, { method: 'POST', headers: { authorization: `Bearer ${max.token}` } });
    expect(retried.status).toBe(200);
    expect(await finished(merged.id)).toMatchObject({ imported_items: 1, failed_items: 1 });
    expect(lines(await csv(b, 'following_accounts', max.token))).toEqual(lines(await csv(a, 'following_accounts', alice.token)));
    expect((await ann.client.v1.accounts.$select(ann.id).followers.list()).filter((account) => account.acct === `max@${B}`)).toHaveLength(1);
  });
});
