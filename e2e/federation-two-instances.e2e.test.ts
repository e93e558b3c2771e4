import { generateCryptoKeyPair, signRequest } from '@fedify/fedify';
import type { mastodon } from 'masto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, type StrataProcess } from '@strata/testkit';
import { deleteAccountOnWeb } from './support/delete-on-web.ts';
import { RawStreamClient } from './support/stream-client.ts';
import { startTwoInstances } from './support/two-instances.ts';
import { type TestUser, signUpUsers, statusOf } from './support/users.ts';

/**
 * Two Strata instances federating on loopback, each on its own address and port 80 so
 * that handles have no port (`bob@127.0.0.3`), driven only through each side's Mastodon
 * API: resolving, following (a locked account too), posts in home timelines and streams,
 * replies, favourites and boosts, edits, deletions, private and direct posts, blocks,
 * unfollows, profile updates, account deletion, and forged inbox POSTs refused.
 */
const A = '127.0.0.2';
const B = '127.0.0.3';
const temps = [makeTempDir('strata-e2e-two-a-'), makeTempDir('strata-e2e-two-b-')];
let a: StrataProcess, b: StrataProcess;
let alice: TestUser, erin: TestUser; // on A
let bob: TestUser, carol: TestUser, dave: TestUser; // on B
/** Remote accounts as each side knows them. */
let bobOnA: mastodon.v1.Account, carolOnA: mastodon.v1.Account, daveOnA: mastodon.v1.Account, aliceOnB: mastodon.v1.Account;
let bobsPost: mastodon.v1.Status;
let bobsPostOnA: mastodon.v1.Status;
const WAIT = 20_000;

beforeAll(async () => {
  [a, b] = await startTwoInstances([A, B], [temps[0]!.path, temps[1]!.path]);
  ({ alice, erin } = (await signUpUsers(a.url, ['alice', 'erin'])) as Record<'alice' | 'erin', TestUser>);
  ({ bob, carol, dave } = (await signUpUsers(b.url, ['bob', 'carol', 'dave'])) as Record<'bob' | 'carol' | 'dave', TestUser>);
  await carol.client.v1.accounts.updateCredentials({ locked: true });
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.kill(), b?.kill()]);
  if (process.env['STRATA_E2E_DUMP']) for (const [name, server] of [['a', a], ['b', b]] as const) (await import('node:fs')).writeFileSync(`/tmp/two-${name}.log`, server?.output() ?? '');
  for (const temp of temps) temp.remove();
});

/** The status of a remote origin as one side knows it, found by its URI in a timeline of `user`. */
const inHome = (user: TestUser, uri: string) => async () => (await user.client.v1.timelines.home.list({ limit: 40 })).find((s) => s.uri === uri) ?? null;

describe('finding and following remote accounts', () => {
  it('resolves a handle through search (resolve=true) and lookup, for a signed-in user only', async () => {
    const anonymous = await fetch(`${a.url}/api/v2/search?q=bob@${B}&resolve=true`);
    expect(anonymous.status).toBe(401);
    // an anonymous lookup reads what is known and fetches nothing
    expect((await fetch(`${a.url}/api/v1/accounts/lookup?acct=bob@${B}`)).status).toBe(404);
    expect((await alice.client.v2.search.list({ q: `bob@${B}`, type: 'accounts' })).accounts).toEqual([]);
    const found = await alice.client.v2.search.list({ q: `@bob@${B}`, resolve: true, type: 'accounts' });
    expect(found.accounts.map((account) => account.acct)).toEqual([`bob@${B}`]);
    bobOnA = found.accounts[0]!;
    expect(bobOnA.url).toBe(`http://${B}/@bob`);
    carolOnA = await alice.client.v1.accounts.lookup({ acct: `carol@${B}` });
    expect(carolOnA).toMatchObject({ acct: `carol@${B}`, locked: true });
    // an unknown handle on a known server is not there: nothing is made up
    expect(await statusOf(alice.client.v1.accounts.lookup({ acct: `nobody@${B}` }))).toBe(404);
  });

  it('resolves a status by its URL, with its author', async () => {
    const post = await bob.client.v1.statuses.create({ status: 'findable by its address', visibility: 'public' });
    const found = await erin.client.v2.search.list({ q: post.url!, resolve: true, type: 'statuses' });
    expect(found.statuses.map((status) => [status.uri, status.account.acct])).toEqual([[post.uri, `bob@${B}`]]);
    // this server's own addresses are found without fetching
    const own = await alice.client.v1.statuses.create({ status: 'findable here too' });
    expect((await erin.client.v2.search.list({ q: own.url!, resolve: true, type: 'statuses' })).statuses.map((status) => status.id)).toEqual([own.id]);
    expect((await erin.client.v2.search.list({ q: `${a.url}/@alice`, resolve: true, type: 'accounts' })).accounts.map((account) => account.id)).toEqual([alice.id]);
  });

  it('follows an open account at once and a locked one after its owner accepts', async () => {
    await alice.client.v1.accounts.$select(bobOnA.id).follow();
    await eventually(async () => (await alice.client.v1.accounts.relationships.fetch({ id: [bobOnA.id] }))[0]!.following || null, WAIT);
    aliceOnB = (await bob.client.v1.accounts.$select(bob.id).followers.list())[0]!;
    expect(aliceOnB.acct).toBe(`alice@${A}`);

    expect((await alice.client.v1.accounts.$select(carolOnA.id).follow()).requested).toBe(true);
    const request = await eventually(async () => (await carol.client.v1.followRequests.list())[0], WAIT);
    expect(request.acct).toBe(`alice@${A}`);
    await carol.client.v1.followRequests.$select(request.id).authorize();
    await eventually(async () => {
      const [relationship] = await alice.client.v1.accounts.relationships.fetch({ id: [carolOnA.id] });
      return relationship!.following && !relationship!.requested;
    }, WAIT);
  });
});

describe('posts and interactions', () => {
  it("brings a public post into the follower's home timeline and user stream", async () => {
    const stream = await RawStreamClient.connect(`${a.url.replace('http', 'ws')}/api/v1/streaming?stream=user`, { token: alice.token });
    try {
      bobsPost = await bob.client.v1.statuses.create({ status: 'Hello from B #federation', visibility: 'public' });
      bobsPostOnA = await eventually(inHome(alice, bobsPost.uri), WAIT);
      expect(bobsPostOnA).toMatchObject({ account: { id: bobOnA.id }, visibility: 'public', tags: [{ name: 'federation' }] });
      expect(bobsPostOnA.content).toContain('Hello from B');
      const update = await stream.next((message) => message.event === 'update' && JSON.parse(message.payload!).uri === bobsPost.uri, WAIT);
      expect(JSON.parse(update.payload!).account.acct).toBe(`bob@${B}`);
    } finally {
      stream.socket.close();
    }
  });

  it('threads replies on both sides', async () => {
    const reply = await alice.client.v1.statuses.create({ status: `@bob@${B} hello back from A`, inReplyToId: bobsPostOnA.id });
    expect(reply.mentions.map((mention) => mention.acct)).toEqual([`bob@${B}`]);
    const replyOnB = await eventually(async () => (await bob.client.v1.statuses.$select(bobsPost.id).context.fetch()).descendants[0], WAIT);
    expect(replyOnB).toMatchObject({ uri: reply.uri, inReplyToId: bobsPost.id, account: { acct: `alice@${A}` } });
    await eventually(async () => (await bob.client.v1.notifications.list({ types: ['mention'] })).find((n) => n.status?.uri === reply.uri), WAIT);

    const answer = await bob.client.v1.statuses.create({ status: `@alice@${A} and back again`, inReplyToId: replyOnB.id });
    const thread = await eventually(async () => {
      const context = await alice.client.v1.statuses.$select(reply.id).context.fetch();
      return context.descendants.some((status) => status.uri === answer.uri) ? context : null;
    }, WAIT);
    expect(thread.ancestors.map((status) => status.uri)).toEqual([bobsPost.uri]);

    // a public reply without a mention, by someone the author does not know, still reaches the author
    const aside = await erin.client.v1.statuses.create({ status: 'an aside from A', inReplyToId: bobsPostOnA.id });
    await eventually(async () => (await bob.client.v1.statuses.$select(bobsPost.id).context.fetch()).descendants.some((status) => status.uri === aside.uri), WAIT);
  });

  it('counts a remote favourite and boost on the origin, and their undoing', async () => {
    // carol follows alice, so alice's boost reaches carol's home timeline too
    await carol.client.v1.accounts.$select(aliceOnB.id).follow();
    await eventually(async () => (await carol.client.v1.accounts.relationships.fetch({ id: [aliceOnB.id] }))[0]!.following || null, WAIT);
    await alice.client.v1.statuses.$select(bobsPostOnA.id).favourite();
    await alice.client.v1.statuses.$select(bobsPostOnA.id).reblog();
    await eventually(async () => {
      const status = await bob.client.v1.statuses.$select(bobsPost.id).fetch();
      return status.favouritesCount === 1 && status.reblogsCount === 1;
    }, WAIT);
    const boost = await eventually(async () => (await carol.client.v1.timelines.home.list()).find((status) => status.reblog?.uri === bobsPost.uri), WAIT);
    expect(boost.account.acct).toBe(`alice@${A}`);
    const favourites = await bob.client.v1.notifications.list({ types: ['favourite', 'reblog'] });
    expect(favourites.map((n) => [n.type, n.account.acct]).sort()).toEqual([['favourite', `alice@${A}`], ['reblog', `alice@${A}`]]);
    await alice.client.v1.statuses.$select(bobsPostOnA.id).unfavourite();
    await alice.client.v1.statuses.$select(bobsPostOnA.id).unreblog();
    await eventually(async () => {
      const status = await bob.client.v1.statuses.$select(bobsPost.id).fetch();
      return status.favouritesCount === 0 && status.reblogsCount === 0;
    }, WAIT);
  });

  it('propagates edits and deletions', async () => {
    await bob.client.v1.statuses.$select(bobsPost.id).update({ status: 'Hello from B, edited' });
    await eventually(async () => (await alice.client.v1.statuses.$select(bobsPostOnA.id).fetch()).content.includes('edited'), WAIT);
    const doomed = await bob.client.v1.statuses.create({ status: 'this one goes away' });
    const doomedOnA = await eventually(inHome(alice, doomed.uri), WAIT);
    await bob.client.v1.statuses.$select(doomed.id).remove();
    await eventually(async () => (await statusOf(alice.client.v1.statuses.$select(doomedOnA.id).fetch())) === 404, WAIT);
  });
});

describe('audiences', () => {
  it('delivers a followers-only post to followers only', async () => {
    const secret = await bob.client.v1.statuses.create({ status: 'for my followers', visibility: 'private' });
    const onA = await eventually(inHome(alice, secret.uri), WAIT);
    expect(onA.visibility).toBe('private');
    expect(await statusOf(erin.client.v1.statuses.$select(onA.id).fetch())).toBe(404);
  });

  it('delivers a direct post to its recipient only', async () => {
    const direct = await bob.client.v1.statuses.create({ status: `@alice@${A} just between us`, visibility: 'direct' });
    const mention = await eventually(async () => (await alice.client.v1.notifications.list({ types: ['mention'] })).find((n) => n.status?.uri === direct.uri), WAIT);
    expect(mention.status!.visibility).toBe('direct');
    expect(await statusOf(erin.client.v1.statuses.$select(mention.status!.id).fetch())).toBe(404);
    expect((await alice.client.v1.timelines.public.list({ remote: true })).map((s) => s.uri)).not.toContain(direct.uri);
  });
});

describe('relationships and profiles', () => {
  it('updates a remote profile on the followers side', async () => {
    await bob.client.v1.accounts.updateCredentials({ displayName: 'Bob of B', note: 'now with a bio' });
    await eventually(async () => (await alice.client.v1.accounts.$select(bobOnA.id).fetch()).displayName === 'Bob of B', WAIT);
  });

  it('ends follows both ways when a remote account blocks, and lifts the block on Undo', async () => {
    await bob.client.v1.accounts.$select(aliceOnB.id).block();
    const blocked = await eventually(async () => {
      const [relationship] = await alice.client.v1.accounts.relationships.fetch({ id: [bobOnA.id] });
      return relationship!.blockedBy && !relationship!.following ? relationship : null;
    }, WAIT);
    expect(blocked.followedBy).toBe(false);
    await bob.client.v1.accounts.$select(aliceOnB.id).unblock();
    await eventually(async () => !(await alice.client.v1.accounts.relationships.fetch({ id: [bobOnA.id] }))[0]!.blockedBy, WAIT);
  });

  it('unfollows: the remote side drops the follower', async () => {
    await alice.client.v1.accounts.$select(carolOnA.id).unfollow();
    await eventually(async () => (await carol.client.v1.accounts.verifyCredentials()).followersCount === 0, WAIT);
  });
});

describe('deleting a direct post', () => {
  it('reaches its recipient, though no one on that server follows the author', async () => {
    const direct = await bob.client.v1.statuses.create({ status: `@erin@${A} psst`, visibility: 'direct' });
    // a private mention from an account erin does not follow waits among her notification requests (Mastodon's default policy)
    const filteredMentions = async () => {
      const response = await fetch(`${a.url}/api/v1/notifications?types[]=mention&include_filtered=true`, { headers: { authorization: `Bearer ${erin.token}` } });
      return (await response.json()) as { status?: { id: string; uri: string } }[];
    };
    const mention = await eventually(async () => (await filteredMentions()).find((n) => n.status?.uri === direct.uri), WAIT);
    await bob.client.v1.statuses.$select(direct.id).remove();
    await eventually(async () => (await statusOf(erin.client.v1.statuses.$select(mention.status!.id).fetch())) === 404, WAIT);
  });
});

describe('account deletion', () => {
  it("removes a deleted remote account's statuses and follows", async () => {
    daveOnA = (await alice.client.v2.search.list({ q: `dave@${B}`, resolve: true, type: 'accounts' })).accounts[0]!;
    await alice.client.v1.accounts.$select(daveOnA.id).follow();
    await eventually(async () => (await alice.client.v1.accounts.relationships.fetch({ id: [daveOnA.id] }))[0]!.following || null, WAIT);
    const post = await dave.client.v1.statuses.create({ status: 'last words' });
    const onA = await eventually(inHome(alice, post.uri), WAIT);
    await deleteAccountOnWeb(b.url, 'dave', 'dave password 1');
    await eventually(async () => (await statusOf(alice.client.v1.accounts.$select(daveOnA.id).fetch())) === 404, WAIT);
    expect(await statusOf(alice.client.v1.statuses.$select(onA.id).fetch())).toBe(404);
    // bob's block ended that follow, carol was unfollowed, dave is gone
    expect((await alice.client.v1.accounts.verifyCredentials()).followingCount).toBe(0);
  });
});

describe('forged deliveries', () => {
  it('refuses inbox POSTs that are unsigned or signed with a key that is not the actor’s', async () => {
    const forged = (n: number) => ({
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `http://${B}/users/bob/statuses/forged-${n}/activity`,
      type: 'Create',
      actor: `http://${B}/users/bob`,
      to: ['https://www.w3.org/ns/activitystreams#Public'],
      object: { id: `http://${B}/users/bob/statuses/forged-${n}`, type: 'Note', attributedTo: `http://${B}/users/bob`, content: `forged ${n}`, to: ['https://www.w3.org/ns/activitystreams#Public'] },
    });
    const post = (body: object) => new Request(`${a.url}/users/alice/inbox`, { method: 'POST', headers: { 'content-type': 'application/activity+json', date: new Date().toUTCString() }, body: JSON.stringify(body) });
    expect((await fetch(post(forged(1)))).status).toBe(401);
    const { privateKey } = await generateCryptoKeyPair('RSASSA-PKCS1-v1_5');
    const wronglySigned = await signRequest(post(forged(2)), privateKey, new URL(`http://${B}/users/bob#main-key`));
    expect((await fetch(wronglySigned)).status).toBe(401);
    // a genuine post sent after them arrives; the forged ones never do
    const genuine = await bob.client.v1.statuses.create({ status: `@alice@${A} the real bob` });
    await eventually(async () => (await alice.client.v1.timelines.public.list({ remote: true })).some((s) => s.uri === genuine.uri), WAIT);
    const contents = (await alice.client.v1.timelines.public.list({ remote: true, limit: 40 })).map((s) => s.content);
    expect(contents.filter((content) => content.includes('forged'))).toEqual([]);
  });
});
