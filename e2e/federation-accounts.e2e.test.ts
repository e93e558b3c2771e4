import { Accept, Add, Create, Follow, Move, Note, type Object as APObject, type Person, PUBLIC_COLLECTION, Remove, Undo } from '@fedify/vocab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, runNode, type StrataProcess } from '@strata/testkit';
import type { FedifyPeer } from './support/fedify-peer.ts';
import { actorOnPeer, createOf, remoteStatusSeenBy, sendFromPeer, startStrataWithPeer } from './support/strata-with-peer.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * Remote accounts' lives over ActivityPub with an independent Fedify peer: pinned
 * statuses both ways (Add/Remove), Move with its alsoKnownAs check and local aliases,
 * backfill from the outbox on a first view, followed by the client as an async refresh.
 */
const temp = makeTempDir('strata-e2e-federation-accounts-');
let strata: StrataProcess;
let peer: FedifyPeer;
let alice: TestUser, bob: TestUser;
let alicesActor: Person;
let n = 0;

beforeAll(async () => {
  ({ strata, peer } = await startStrataWithPeer(temp.path));
  peer.actors.set('peer', { featured: new URL(`${peer.origin}/users/peer/featured`) });
  ({ alice, bob } = (await signUpUsers(strata.url, ['alice', 'bob'])) as Record<'alice' | 'bob', TestUser>);
  alicesActor = await actorOnPeer(peer, strata, 'alice');
}, 60_000);
afterAll(async () => {
  await peer?.close();
  await strata?.kill();
  temp.remove();
});

const send = (activity: APObject) => sendFromPeer(peer, alicesActor, activity);
const followers = () => new URL(`${peer.origin}/users/peer/followers`);
const create = (object: APObject) => createOf(peer, object);
const remoteStatus = (uri: string) => remoteStatusSeenBy(bob, uri);

describe('featured (pinned) statuses', () => {
  const featured = () => new URL(`${peer.origin}/users/peer/featured`);
  const pinnedOfPeer = async () => {
    const [account] = await bob.client.v1.accounts.search.list({ q: `peer@${new URL(peer.origin).host}` });
    return (await bob.client.v1.accounts.$select(account!.id).statuses.list({ pinned: true })).map((s) => s.uri);
  };

  it("are the remote account's pins after its Add, fetching a note not known yet; Remove unpins", async () => {
    const known = new Note({ id: new URL(`${peer.origin}/notes/${++n}`), attribution: peer.actorUri, content: '<p>pin me</p>', tos: [PUBLIC_COLLECTION], ccs: [followers()] });
    await send(create(known));
    await remoteStatus(known.id!.href);
    const unknownId = `${peer.origin}/notes/fetched-${++n}`;
    peer.documents.set(new URL(unknownId).pathname, await new Note({ id: new URL(unknownId), attribution: peer.actorUri, content: '<p>fetched</p>', tos: [PUBLIC_COLLECTION], ccs: [followers()] }).toJsonLd());
    const add = (object: URL) => new Add({ id: new URL(`${peer.origin}/adds/${++n}`), actor: peer.actorUri, object, target: featured() });
    await send(add(known.id!));
    await send(add(new URL(unknownId)));
    // someone else's collection is not the actor's featured one
    await send(new Add({ id: new URL(`${peer.origin}/adds/${++n}`), actor: peer.actorUri, object: known.id!, target: new URL(`${peer.origin}/users/other/featured`) }));
    await eventually(async () => ((await pinnedOfPeer()).length === 2 ? true : null), 20_000);
    expect((await pinnedOfPeer()).sort()).toEqual([known.id!.href, unknownId].sort());
    await send(new Remove({ id: new URL(`${peer.origin}/removes/${++n}`), actor: peer.actorUri, object: known.id!, target: featured() }));
    await eventually(async () => ((await pinnedOfPeer()).length === 1 ? true : null), 20_000);
    expect(await pinnedOfPeer()).toEqual([unknownId]);
  });

  it("of a local account go to its remote followers as Add and Remove on its featured collection", async () => {
    await send(new Follow({ id: new URL(`${peer.origin}/follows/${++n}`), actor: peer.actorUri, object: alicesActor.id! }));
    await eventually(async () => ((await alice.client.v1.accounts.$select(alice.id).followers.list()).length === 1 ? true : null), 20_000);
    const post = await alice.client.v1.statuses.create({ status: 'pinned here' });
    await alice.client.v1.statuses.$select(post.id).pin();
    const pinned = (await eventually(() => peer.received.find((a) => a instanceof Add), 20_000)) as Add;
    const note = `${strata.url}/users/alice/statuses/${post.id}`;
    expect([pinned.actorId?.href, pinned.objectId?.href, pinned.targetId?.href]).toEqual([alicesActor.id!.href, note, alicesActor.featuredId!.href]);
    await alice.client.v1.statuses.$select(post.id).unpin();
    const unpinned = (await eventually(() => peer.received.find((a) => a instanceof Remove), 20_000)) as Remove;
    expect([unpinned.objectId?.href, unpinned.targetId?.href]).toEqual([note, alicesActor.featuredId!.href]);
  });
});

describe('Move', () => {
  const host = () => new URL(peer.origin).host;
  const actor = (name: string) => new URL(`${peer.origin}/users/${name}`);
  const accountId = async (acct: string) => (await bob.client.v1.accounts.lookup({ acct }).catch(() => null))?.id;

  it("of a followed remote account to one that names it as an alias moves the local followers and marks it moved", async () => {
    const peerId = (await accountId(`peer@${host()}`))!;
    await bob.client.v1.accounts.$select(peerId).follow();
    const follow = (await eventually(() => peer.received.find((a) => a instanceof Follow && a.actorId?.href === `${strata.url}/users/bob`), 20_000)) as Follow;
    await send(new Accept({ id: new URL(`${peer.origin}/accepts/${++n}`), actor: peer.actorUri, object: follow }));
    await eventually(async () => (await bob.client.v1.accounts.relationships.fetch({ id: [peerId] }))[0]!.following || null, 20_000);

    peer.actors.set('stranger', {});
    peer.actors.set('successor', { aliases: [peer.actorUri] });
    // a target that does not name the old account is refused
    await send(new Move({ id: new URL(`${peer.origin}/moves/${++n}`), actor: peer.actorUri, object: peer.actorUri, target: actor('stranger') }));
    await send(new Move({ id: new URL(`${peer.origin}/moves/${++n}`), actor: peer.actorUri, object: peer.actorUri, target: actor('successor') }));

    const request = (await eventually(() => peer.received.find((a) => a instanceof Follow && a.objectId?.href === actor('successor').href), 20_000)) as Follow;
    expect(request.actorId?.href).toBe(`${strata.url}/users/bob`);
    await eventually(() => peer.received.find((a) => a instanceof Undo && a.actorId?.href === `${strata.url}/users/bob`), 20_000);
    const successorId = (await accountId(`successor@${host()}`))!;
    const [old, next] = await bob.client.v1.accounts.relationships.fetch({ id: [peerId, successorId] });
    expect([old!.following, next!.requested]).toEqual([false, true]);
    const moved = await bob.client.v1.accounts.$select(peerId).fetch();
    expect(moved.moved?.acct).toBe(`successor@${host()}`);
    expect(peer.received.some((a) => a instanceof Follow && a.objectId?.href === actor('stranger').href)).toBe(false);
  });

  it("names a local account's aliases (set from the CLI) as alsoKnownAs, so an account elsewhere may move to it", async () => {
    const bad = await runNode('packages/cli/src/main.ts', ['accounts', 'aliases', 'bob', 'javascript:alert(1)'], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });
    expect(bad.code).not.toBe(0);
    const set = await runNode('packages/cli/src/main.ts', ['accounts', 'aliases', 'bob', actor('peer').href], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });
    expect(set.code).toBe(0);
    // read fresh each time: the peer's own lookups may serve the actor it fetched earlier
    const bobsActor = await eventually(async () => {
      const fetched = (await (await fetch(`${strata.url}/users/bob`, { headers: { accept: 'application/activity+json' } })).json()) as { alsoKnownAs?: string | string[] };
      // JSON-LD writes a single alias as a string
      const aliases = [fetched.alsoKnownAs ?? []].flat();
      return aliases.length ? aliases : null;
    }, 20_000);
    expect(bobsActor).toEqual([actor('peer').href]);
  });
});

describe("a remote account's statuses", () => {
  it('are backfilled from its outbox by a job on the first view, public and unlisted ones only, followed as an async refresh', async () => {
    const me = new URL(`${peer.origin}/users/backfilled`);
    const ownFollowers = new URL(`${me.href}/followers`);
    peer.actors.set('backfilled', { outbox: new URL(`${me.href}/outbox`) });
    const noteOf = (i: number, to: URL[], cc: URL[]) => new Note({ id: new URL(`${me.href}/notes/${i}`), attribution: me, content: `<p>old ${i}</p>`, tos: to, ccs: cc });
    const notes = [noteOf(1, [ownFollowers], []), noteOf(2, [PUBLIC_COLLECTION], [ownFollowers]), noteOf(3, [ownFollowers], [PUBLIC_COLLECTION]), noteOf(4, [PUBLIC_COLLECTION], [ownFollowers])];
    const creates = notes.map((note) => new Create({ id: new URL(`${note.id!.href}/activity`), actor: me, object: note, tos: note.toIds, ccs: note.ccIds }));
    peer.documents.set(`${me.pathname}/outbox`, {
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${me.href}/outbox`,
      type: 'OrderedCollection',
      totalItems: creates.length,
      orderedItems: await Promise.all(creates.map(async (create) => ({ ...((await create.toJsonLd()) as object), '@context': undefined }))),
    });
    // the account becomes known by its newest post, delivered
    await sendFromPeer(peer, alicesActor, creates[3]!, 'backfilled');
    const known = await remoteStatus(notes[3]!.id!.href);
    // the first view says a refresh runs, as Mastodon's Mastodon-Async-Refresh header does, and the client follows it
    const firstView = await fetch(`${strata.url}/api/v1/accounts/${known.account.id}/statuses`, { headers: { authorization: `Bearer ${bob.token}` } });
    const header = /^id="([^"]+)", retry=(\d+)$/.exec(firstView.headers.get('mastodon-async-refresh') ?? '');
    expect(header).not.toBeNull();
    const refreshUrl = `${strata.url}/api/v1_alpha/async_refreshes/${header![1]}`;
    const refresh = await eventually(async () => {
      const answer = (await (await fetch(refreshUrl, { headers: { authorization: `Bearer ${bob.token}` } })).json()) as { async_refresh: { id: string; status: string; result_count: number | null } };
      return answer.async_refresh.status === 'finished' ? answer.async_refresh : null;
    }, 20_000);
    // the outbox's public and unlisted posts of its own: notes 2, 3 and 4
    expect(refresh).toEqual({ id: header![1], status: 'finished', result_count: 3 });
    expect((await fetch(refreshUrl)).status).toBe(401);
    expect((await fetch(`${refreshUrl}0`, { headers: { authorization: `Bearer ${bob.token}` } })).status).toBe(404);
    // a later view within the day asks for nothing more, and says nothing runs
    const laterView = await fetch(`${strata.url}/api/v1/accounts/${known.account.id}/statuses`, { headers: { authorization: `Bearer ${bob.token}` } });
    expect(laterView.headers.get('mastodon-async-refresh')).toBeNull();
    const statuses = await eventually(async () => {
      const list = await bob.client.v1.accounts.$select(known.account.id).statuses.list();
      return list.length >= 3 ? list : null;
    }, 20_000);
    expect(statuses.map((s) => s.uri).sort()).toEqual([notes[1]!, notes[2]!, notes[3]!].map((note) => note.id!.href).sort());
    expect(statuses.find((s) => s.uri === notes[2]!.id!.href)?.visibility).toBe('unlisted');
  });
});
