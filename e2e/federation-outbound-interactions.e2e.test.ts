import { Accept, Announce, Block, Create, Delete, Follow, Like, Note, type Person, PUBLIC_COLLECTION, Undo } from '@fedify/vocab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, freePort, makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { deleteAccountOnWeb } from './support/delete-on-web.ts';
import { type FedifyPeer, startFedifyPeer } from './support/fedify-peer.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * What a Strata user does to an account and a status on an independent Fedify peer, as
 * the peer receives it (verified by Fedify's own signature checks): the handle resolved
 * by WebFinger, Like, Announce and Block with their Undo, a reply's inReplyTo, and the
 * Delete of the actor when the account is deleted.
 */
const temp = makeTempDir('strata-e2e-federation-outbound-');
let strata: StrataProcess;
let peer: FedifyPeer;
let alice: TestUser;
let peerId: string;
let noteOnStrata: string;
const note = () => new URL(`${peer.origin}/notes/1`);
const WAIT = 20_000;

beforeAll(async () => {
  const port = await freePort();
  strata = await startStrataProcess({ dataDir: temp.path, port, env: { STRATA_DOMAIN: `127.0.0.1:${port}`, STRATA_FEDERATION_ALLOW_PRIVATE: 'true' } });
  peer = await startFedifyPeer();
  alice = (await signUpUsers(strata.url, ['alice']))['alice']!;
}, 60_000);
afterAll(async () => {
  await peer?.close();
  await strata?.kill();
  temp.remove();
});

/** The activities of one type the peer received, newest last. */
const receivedOf = <T>(type: new (...args: never[]) => T) => peer.received.filter((activity): activity is T & (typeof peer.received)[number] => activity instanceof type);

describe('a Strata user and a remote account', () => {
  it('resolves the remote handle by WebFinger', async () => {
    const handle = `peer@${new URL(peer.origin).host}`;
    const account = await alice.client.v1.accounts.lookup({ acct: handle });
    expect(account).toMatchObject({ acct: handle, displayName: 'A Fedify peer' });
    peerId = account.id;
  });

  it('favourites and boosts a remote status: Like and Announce reach its author, and their Undo', async () => {
    const alicesActor = (await peer.federation.createContext(new URL(peer.origin)).lookupObject(`${strata.url}/users/alice`)) as Person;
    const object = new Note({ id: note(), attribution: peer.actorUri, content: '<p>like me</p>', tos: [PUBLIC_COLLECTION] });
    const create = new Create({ id: new URL(`${note().href}/activity`), actor: peer.actorUri, object, tos: [PUBLIC_COLLECTION] });
    await peer.federation.createContext(new URL(peer.origin)).sendActivity({ identifier: 'peer' }, alicesActor, create, { immediate: true });
    noteOnStrata = (await eventually(async () => (await alice.client.v1.timelines.public.list({ remote: true })).find((s) => s.uri === note().href), WAIT)).id;

    await alice.client.v1.statuses.$select(noteOnStrata).favourite();
    const like = await eventually(() => receivedOf(Like)[0], WAIT);
    expect([like.actorId?.href, like.objectId?.href]).toEqual([`${strata.url}/users/alice`, note().href]);
    await alice.client.v1.statuses.$select(noteOnStrata).unfavourite();
    const undoLike = await eventually(() => receivedOf(Undo).find((undo) => undo.objectId?.href === like.id?.href), WAIT);
    expect(undoLike.actorId?.href).toBe(`${strata.url}/users/alice`);

    await alice.client.v1.statuses.$select(noteOnStrata).reblog();
    const announce = await eventually(() => receivedOf(Announce)[0], WAIT);
    expect(announce.objectId?.href).toBe(note().href);
    expect(announce.toIds.map((id) => id.href)).toEqual([PUBLIC_COLLECTION.href]);
    expect(announce.ccIds.map((id) => id.href)).toContain(peer.actorUri.href);
    await alice.client.v1.statuses.$select(noteOnStrata).unreblog();
    await eventually(() => receivedOf(Undo).find((undo) => undo.objectId?.href === announce.id?.href), WAIT);
  });

  it('replies to a remote status with inReplyTo, delivered to its author', async () => {
    const reply = await alice.client.v1.statuses.create({ status: 'a reply without a mention', inReplyToId: noteOnStrata });
    const create = await eventually(() => receivedOf(Create).find((activity) => activity.objectId?.href === reply.uri), WAIT);
    const object = (await create.getObject()) as Note;
    expect(object.replyTargetId?.href).toBe(note().href);
  });

  it('blocks and unblocks a remote account: Block and Undo(Block) reach it', async () => {
    await alice.client.v1.accounts.$select(peerId).block();
    const block = await eventually(() => receivedOf(Block)[0], WAIT);
    expect(block.objectId?.href).toBe(peer.actorUri.href);
    await alice.client.v1.accounts.$select(peerId).unblock();
    await eventually(() => receivedOf(Undo).find((undo) => undo.objectId?.href === block.id?.href), WAIT);
  });

  it('addresses followers-only posts to followers and never sends a direct post to servers it does not mention', async () => {
    const ctx = peer.federation.createContext(new URL(peer.origin));
    const alicesActor = (await ctx.lookupObject(`${strata.url}/users/alice`)) as Person;
    await ctx.sendActivity({ identifier: 'peer' }, alicesActor, new Follow({ id: new URL(`${peer.origin}/follows/1`), actor: peer.actorUri, object: alicesActor.id }), { immediate: true });
    await eventually(() => receivedOf(Accept)[0], WAIT);
    const created = (uri: string) => () => receivedOf(Create).find((activity) => activity.objectId?.href === uri);

    const secret = await alice.client.v1.statuses.create({ status: 'followers only', visibility: 'private' });
    const toFollowers = await eventually(created(secret.uri), WAIT);
    expect([toFollowers.toIds.map((id) => id.href), toFollowers.ccIds]).toEqual([[`${strata.url}/users/alice/followers`], []]);
    const direct = await alice.client.v1.statuses.create({ status: 'a note to myself, @alice', visibility: 'direct' });
    const open = await alice.client.v1.statuses.create({ status: 'for everyone', visibility: 'public' });
    const toPublic = await eventually(created(open.uri), WAIT);
    expect(toPublic.toIds.map((id) => id.href)).toEqual([PUBLIC_COLLECTION.href]);
    expect(created(direct.uri)()).toBeUndefined();
  });

  it('tells the peer of the deleted account with a Delete of the actor the peer verifies', async () => {
    await deleteAccountOnWeb(strata.url, 'alice', 'alice password 1');
    const deletion = await eventually(() => receivedOf(Delete).find((activity) => activity.objectId?.href === `${strata.url}/users/alice`), WAIT);
    expect(deletion.actorId?.href).toBe(`${strata.url}/users/alice`);
    // the actor is gone from Strata, and no key of it is served any more
    expect((await fetch(`${strata.url}/users/alice`, { headers: { accept: 'application/activity+json' } })).status).toBe(404);
  });
});
