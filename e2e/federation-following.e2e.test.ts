import { Accept, Create, Follow, Note, type Person, PUBLIC_COLLECTION } from '@fedify/vocab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, freePort, makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type FedifyPeer, startFedifyPeer } from './support/fedify-peer.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * A Strata user following an account on an independent Fedify peer: Follow goes out
 * by delivery, the follow stays a request until the peer's Accept, the peer's
 * followers-only posts then reach the follower's home timeline, and unfollowing sends Undo.
 */
const temp = makeTempDir('strata-e2e-federation-following-');
let strata: StrataProcess;
let peer: FedifyPeer;
let bob: TestUser;
let bobsActor: Person;
let peerId: string;

beforeAll(async () => {
  const port = await freePort();
  strata = await startStrataProcess({ dataDir: temp.path, port, env: { STRATA_DOMAIN: `127.0.0.1:${port}`, STRATA_FEDERATION_ALLOW_PRIVATE: 'true' } });
  peer = await startFedifyPeer();
  bob = (await signUpUsers(strata.url, ['bob']))['bob']!;
  bobsActor = (await peer.federation.createContext(new URL(peer.origin)).lookupObject(`${strata.url}/users/bob`)) as Person;
}, 60_000);
afterAll(async () => {
  await peer?.close();
  await strata?.kill();
  temp.remove();
});

async function send(activity: Create | Accept) {
  await peer.federation.createContext(new URL(peer.origin)).sendActivity({ identifier: 'peer' }, bobsActor, activity, { immediate: true });
}

const followers = () => new URL(`${peer.origin}/users/peer/followers`);
function post(n: number, to: URL[], cc: URL[]) {
  const note = new Note({ id: new URL(`${peer.origin}/notes/${n}`), attribution: peer.actorUri, content: `<p>note ${n}</p>`, tos: to, ccs: cc });
  return new Create({ id: new URL(`${peer.origin}/notes/${n}/activity`), actor: peer.actorUri, object: note, tos: to, ccs: cc });
}

describe('following a remote account', () => {
  it('is a request until the peer accepts the Follow delivery sent', async () => {
    // the peer becomes known by a public post
    await send(post(1, [PUBLIC_COLLECTION], [followers()]));
    const [status] = await eventually(async () => {
      const list = await bob.client.v1.timelines.public.list({ remote: true });
      return list.length > 0 ? list : null;
    }, 20_000);
    peerId = status!.account.id;
    const relationship = await bob.client.v1.accounts.$select(peerId).follow();
    expect([relationship.following, relationship.requested]).toEqual([false, true]);
    const follow = await eventually(() => peer.received.find((a) => a instanceof Follow), 20_000) as Follow;
    expect([follow.actorId?.href, follow.objectId?.href]).toEqual([`${strata.url}/users/bob`, peer.actorUri.href]);

    await send(new Accept({ id: new URL(`${peer.origin}/accepts/1`), actor: peer.actorUri, object: follow }));
    await eventually(async () => {
      const [rel] = await bob.client.v1.accounts.relationships.fetch({ id: [peerId] });
      return rel!.following && !rel!.requested ? rel : null;
    }, 20_000);
  });

  it("puts the peer's followers-only post in the follower's home timeline", async () => {
    await send(post(2, [followers()], []));
    const status = await eventually(async () => (await bob.client.v1.timelines.home.list()).find((s) => s.uri === `${peer.origin}/notes/2`), 20_000);
    expect(status.visibility).toBe('private');
    expect(status.account.id).toBe(peerId);
  });

  it('sends Undo(Follow) on unfollow', async () => {
    await bob.client.v1.accounts.$select(peerId).unfollow();
    const undo = await eventually(() => peer.received.find((a) => a.constructor.name === 'Undo'), 20_000);
    const object = await undo.getObject();
    expect(object).toBeInstanceOf(Follow);
    expect((object as Follow).objectId?.href).toBe(peer.actorUri.href);
  });
});
