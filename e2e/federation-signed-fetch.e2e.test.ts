import { Create, Note, type Person, PUBLIC_COLLECTION } from '@fedify/vocab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, type StrataProcess } from '@strata/testkit';
import type { FedifyPeer } from './support/fedify-peer.ts';
import { actorOnPeer, remoteStatusSeenBy, sendFromPeer, startStrataWithPeer } from './support/strata-with-peer.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * A peer in authorized-fetch mode (a Fedify server on 127.0.0.4 that answers 401 to
 * unsigned GETs of its actors, and so of their keys) still federates with Strata (on
 * 127.0.0.5, itself in secure mode): every fetch Strata makes of it — resolving a handle
 * with a port, verifying an inbound signature by fetching the signer's key (personal and
 * shared inbox), verifying a signed GET — is signed. Mentions name it with its port.
 */
const temp = makeTempDir('strata-e2e-federation-signed-fetch-');
let strata: StrataProcess;
let peer: FedifyPeer;
let bob: TestUser;
let bobsActor: Person;
let peerHost: string;
let n = 0;

beforeAll(async () => {
  ({ strata, peer } = await startStrataWithPeer(temp.path, {
    strataHost: '127.0.0.5',
    peer: { host: '127.0.0.4', signedFetchOnly: true },
    env: { STRATA_AUTHORIZED_FETCH: 'true' },
  }));
  peerHost = new URL(peer.origin).host;
  for (const name of ['other', 'writer', 'sharer']) peer.actors.set(name, {});
  ({ bob } = (await signUpUsers(strata.url, ['bob'])) as Record<'bob', TestUser>);
  bobsActor = await actorOnPeer(peer, strata, 'bob');
}, 60_000);
afterAll(async () => {
  await peer?.close();
  await strata?.kill();
  temp.remove();
});

function createFrom(identifier: string, content: string) {
  const actor = new URL(`${peer.origin}/users/${identifier}`);
  const note = new Note({ id: new URL(`${peer.origin}/notes/signed-${++n}`), attribution: actor, content, tos: [PUBLIC_COLLECTION], ccs: [new URL(`${actor.href}/followers`)] });
  return new Create({ id: new URL(`${note.id!.href}/activity`), actor, object: note, tos: note.toIds, ccs: note.ccIds });
}

describe('a peer that refuses unsigned fetches', () => {
  it('answers 401 to an unsigned fetch of its actor', async () => {
    expect((await fetch(`${peer.origin}/users/peer`, { headers: { accept: 'application/activity+json' } })).status).toBe(401);
    peer.unsignedActorFetches.length = 0;
  });

  it('is found by handles with a port, through search and lookup', async () => {
    const results = await bob.client.v2.search.list({ q: `@peer@${peerHost}`, resolve: true, type: 'accounts' });
    expect(results.accounts.map((a) => a.acct)).toEqual([`peer@${peerHost}`]);
    const other = await bob.client.v1.accounts.lookup({ acct: `other@${peerHost}` });
    expect(other).toMatchObject({ acct: `other@${peerHost}`, username: 'other' });
  });

  it("has its signed posts accepted, Strata fetching each signer's key signed (personal and shared inbox)", async () => {
    const personal = createFrom('writer', '<p>to your inbox</p>');
    await sendFromPeer(peer, bobsActor, personal, 'writer');
    const shared = createFrom('sharer', '<p>to the shared inbox</p>');
    await peer.federation.createContext(new URL(peer.origin)).sendActivity({ identifier: 'sharer' }, bobsActor, shared, { immediate: true, preferSharedInbox: true });
    const [first, second] = await Promise.all([remoteStatusSeenBy(bob, personal.objectId!.href), remoteStatusSeenBy(bob, shared.objectId!.href)]);
    expect(first.account.acct).toBe(`writer@${peerHost}`);
    expect(second.account.acct).toBe(`sharer@${peerHost}`);
  });

  it('reads a status of Strata in secure mode with a signed GET, its key fetched signed in turn', async () => {
    const status = await bob.client.v1.statuses.create({ status: 'only for signed eyes' });
    const ctx = peer.federation.createContext(new URL(peer.origin));
    const loader = await ctx.getDocumentLoader({ identifier: 'peer' });
    const note = await loader(`${strata.url}/users/bob/statuses/${status.id}`);
    expect(note.document).toMatchObject({ type: 'Note', content: expect.stringContaining('only for signed eyes') });
  });

  it('receives a post that mentions it with its port, the mention resolved at compose time', async () => {
    const status = await bob.client.v1.statuses.create({ status: `hello @peer@${peerHost}, and @nobody@${peerHost}`, visibility: 'direct' });
    expect(status.mentions.map((m) => m.acct)).toEqual([`peer@${peerHost}`]);
    expect(status.content).toMatch(/class="u-url mention">@<span>peer<\/span>/);
    const received = await eventually(() => peer.received.find((a) => a instanceof Create && a.objectId?.href === status.uri), 20_000);
    expect(received.toIds.map((id) => id.href)).toEqual([`${peer.origin}/users/peer`]);
  });

  it('was never fetched unsigned by Strata', () => {
    expect(peer.unsignedActorFetches).toEqual([]);
  });
});
