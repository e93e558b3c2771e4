import { signRequest } from '@fedify/fedify';
import { type Activity, Document, Follow, Note, Person, PUBLIC_COLLECTION, Undo } from '@fedify/vocab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, freePort, makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { mediaFixtures } from '@strata/media/fixtures';
import { type FedifyPeer, startFedifyPeer } from './support/fedify-peer.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * Strata federating with an independent ActivityPub server built from Fedify alone:
 * discovery, a remote follow accepted by delivery through the job queue, and a post
 * made through the Mastodon API arriving in the peer's inbox as a signed Create(Note).
 */
const temp = makeTempDir('strata-e2e-federation-');
let strata: StrataProcess;
let peer: FedifyPeer;
let alice: TestUser, carol: TestUser;
let domain: string;
const AP = 'application/activity+json';

beforeAll(async () => {
  const port = await freePort();
  domain = `127.0.0.1:${port}`;
  strata = await startStrataProcess({ dataDir: temp.path, port, env: { STRATA_DOMAIN: domain, STRATA_FEDERATION_ALLOW_PRIVATE: 'true' } });
  peer = await startFedifyPeer();
  const users = await signUpUsers(strata.url, ['alice', 'carol']);
  [alice, carol] = [users['alice']!, users['carol']!];
  await carol.client.v1.accounts.updateCredentials({ locked: true });
  await alice.client.v1.accounts.updateCredentials({ displayName: 'Alice', note: 'Hello from Strata', fieldsAttributes: [{ name: 'Site', value: 'https://alice.example' }] });
}, 60_000);
afterAll(async () => {
  await peer?.close();
  await strata?.kill();
  temp.remove();
});

describe('discovery', () => {
  it('finds a local account by WebFinger, by acct: and by its actor URL', async () => {
    const byAcct = await fetch(`${strata.url}/.well-known/webfinger?resource=acct:alice@${domain}`);
    expect(byAcct.headers.get('content-type')).toContain('application/jrd+json');
    const jrd = (await byAcct.json()) as { subject: string; links: { rel: string; type?: string; href?: string }[] };
    expect(jrd.subject).toBe(`acct:alice@${domain}`);
    expect(jrd.links).toContainEqual(expect.objectContaining({ rel: 'self', type: AP, href: `${strata.url}/users/alice` }));
    const byUrl = await fetch(`${strata.url}/.well-known/webfinger?resource=${encodeURIComponent(`${strata.url}/users/alice`)}`);
    expect(byUrl.status).toBe(200);
    expect((await fetch(`${strata.url}/.well-known/webfinger?resource=acct:nobody@${domain}`)).status).toBe(404);
    expect((await fetch(`${strata.url}/.well-known/host-meta`)).headers.get('content-type')).toContain('application/xrd+xml');
    // the instance actor answers to acct:domain@domain, as Mastodon's does
    const host = domain.replace(/:\d+$/, '');
    const instance = (await (await fetch(`${strata.url}/.well-known/webfinger?resource=acct:${host}@${domain}`)).json()) as typeof jrd;
    const self = instance.links.find((link) => link.rel === 'self')!.href!;
    expect(await (await fetch(self, { headers: { accept: AP } })).json()).toMatchObject({ type: 'Application', preferredUsername: host });
  });

  it('serves the actor at /users/:username and /@:username to ActivityPub clients only', async () => {
    const actor = await (await fetch(`${strata.url}/users/alice`, { headers: { accept: AP } })).json() as Record<string, unknown>;
    expect(actor).toMatchObject({
      id: `${strata.url}/users/alice`,
      type: 'Person',
      preferredUsername: 'alice',
      name: 'Alice',
      inbox: `${strata.url}/users/alice/inbox`,
      outbox: `${strata.url}/users/alice/outbox`,
      followers: `${strata.url}/users/alice/followers`,
      following: `${strata.url}/users/alice/following`,
      featured: `${strata.url}/users/alice/collections/featured`,
      endpoints: { sharedInbox: `${strata.url}/inbox` },
      manuallyApprovesFollowers: false,
    });
    expect((actor['publicKey'] as { publicKeyPem: string }).publicKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(actor['assertionMethod']).toHaveLength(2);
    // JSON-LD compaction makes a one-element array a single value
    expect([actor['attachment']].flat()).toEqual([expect.objectContaining({ type: 'PropertyValue', name: 'Site' })]);
    const alias = await (await fetch(`${strata.url}/@alice`, { headers: { accept: AP } })).json() as Record<string, unknown>;
    expect(alias['id']).toBe(`${strata.url}/users/alice`);
    expect((await fetch(`${strata.url}/@alice`, { headers: { accept: 'text/html' } })).headers.get('content-type') ?? '').not.toContain('activity+json');
    const browser = await fetch(`${strata.url}/users/alice`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect([browser.status, browser.headers.get('location')]).toEqual([302, '/@alice']);
  });
});

describe('a remote follower', () => {
  let follow: Follow;
  let peerAccountId: string;

  it('refuses an inbox POST without a valid signature', async () => {
    const body = JSON.stringify({ '@context': 'https://www.w3.org/ns/activitystreams', id: `${peer.origin}/forged`, type: 'Follow', actor: peer.actorUri.href, object: `${strata.url}/users/alice` });
    const response = await fetch(`${strata.url}/users/alice/inbox`, { method: 'POST', headers: { 'content-type': AP }, body });
    expect(response.status).toBe(401);
    // signed by the peer's real key, but the body changed after signing
    const signed = await signRequest(
      new Request(`${strata.url}/users/alice/inbox`, { method: 'POST', headers: { 'content-type': AP }, body }),
      peer.rsaKey.privateKey,
      new URL(`${peer.actorUri.href}#main-key`),
    );
    const tampered = await fetch(signed.url, { method: 'POST', headers: signed.headers, body: body.replace('Follow', 'Block') });
    expect(tampered.status).toBe(401);
  });

  it('follows a Strata account and is accepted by delivery', async () => {
    const ctx = peer.federation.createContext(new URL(peer.origin));
    const alicesActor = (await ctx.lookupObject(`${strata.url}/users/alice`)) as Person;
    expect(alicesActor.id?.href).toBe(`${strata.url}/users/alice`);
    follow = new Follow({ id: new URL(`${peer.origin}/follows/1`), actor: peer.actorUri, object: alicesActor.id });
    await ctx.sendActivity({ identifier: 'peer' }, alicesActor, follow, { immediate: true });

    const accept = await eventually(() => acceptOf(follow), 20_000);
    expect(accept.actorId?.href).toBe(`${strata.url}/users/alice`);
    expect(accept.objectId?.href).toBe(follow.id!.href);
  });

  it('is a first-class remote account in the Mastodon API', async () => {
    const followers = await eventually(async () => {
      const list = await alice.client.v1.accounts.$select(alice.id).followers.list();
      return list.length > 0 ? list : null;
    });
    peerAccountId = followers[0]!.id;
    const lookedUp = await alice.client.v1.accounts.lookup({ acct: `peer@${new URL(peer.origin).host}` });
    expect(lookedUp.id).toBe(peerAccountId);
    expect(followers[0]).toMatchObject({
      username: 'peer',
      acct: `peer@${new URL(peer.origin).host}`,
      displayName: 'A Fedify peer',
      note: '<p>Testing federation</p>',
      url: peer.actorUri.href,
    });
    expect((await alice.client.v1.accounts.verifyCredentials()).followersCount).toBe(1);
  });

  it('receives a public post as Create(Note), public to everyone and cc followers', async () => {
    const status = await alice.client.v1.statuses.create({ status: 'Hello, Fediverse!' });
    const create = await eventually(() => peer.received.find((activity) => activity.constructor.name === 'Create'), 20_000);
    expect(create.actorId?.href).toBe(`${strata.url}/users/alice`);
    const note = await create.getObject();
    expect(note).toBeInstanceOf(Note);
    expect(note!.id?.href).toBe(`${strata.url}/users/alice/statuses/${status.id}`);
    expect(String((note as Note).content)).toContain('Hello, Fediverse!');
    expect(note!.toIds.map(String)).toEqual([PUBLIC_COLLECTION.href]);
    expect(note!.ccIds.map(String)).toContain(`${strata.url}/users/alice/followers`);
    const fetched = await (await fetch(note!.id!, { headers: { accept: AP } })).json() as Record<string, unknown>;
    expect(fetched).toMatchObject({ type: 'Note', attributedTo: `${strata.url}/users/alice` });
    const byUrl = await (await fetch(`${strata.url}/@alice/${status.id}`, { headers: { accept: AP } })).json() as Record<string, unknown>;
    expect(byUrl['id']).toBe(note!.id!.href);
  });

  it('addresses unlisted and followers-only posts as Mastodon does', async () => {
    const followers = `${strata.url}/users/alice/followers`;
    const unlisted = await alice.client.v1.statuses.create({ status: 'Quietly public', visibility: 'unlisted' });
    const quiet = await eventually(() => received('Create', `${strata.url}/users/alice/statuses/${unlisted.id}`), 20_000);
    expect([quiet.toIds.map(String), quiet.ccIds.map(String)]).toEqual([[followers], [PUBLIC_COLLECTION.href]]);
    const priv = await alice.client.v1.statuses.create({ status: 'Friends only', visibility: 'private' });
    const friends = await eventually(() => received('Create', `${strata.url}/users/alice/statuses/${priv.id}`), 20_000);
    expect([friends.toIds.map(String), friends.ccIds.map(String)]).toEqual([[followers], []]);
    // not served to anyone who asks: it reached its audience by delivery
    expect((await fetch(`${strata.url}/users/alice/statuses/${priv.id}`, { headers: { accept: AP } })).status).toBe(404);
  });

  it('receives a post\'s media as Document attachments with their description and size', async () => {
    const png = await alice.client.v2.media.create({ file: new Blob([new Uint8Array(await mediaFixtures.png())], { type: 'image/png' }), description: 'A square' });
    const status = await alice.client.v1.statuses.create({ status: 'With a picture', mediaIds: [png.id] });
    const create = await eventually(() => received('Create', `${strata.url}/users/alice/statuses/${status.id}`), 20_000);
    const attachments = [];
    for await (const item of ((await create.getObject()) as Note).getAttachments()) attachments.push(item);
    const [attachment] = attachments;
    expect(attachment).toBeInstanceOf(Document);
    const document = attachment as Document;
    expect([document.mediaType, String(document.name), document.url?.href]).toEqual(['image/png', 'A square', png.url]);
    expect([document.width, document.height]).toEqual([png.meta?.original?.width, png.meta?.original?.height]);
  });

  it('receives an edit as Update(Note) and a deletion as Delete(Tombstone)', async () => {
    const status = await alice.client.v1.statuses.create({ status: 'First draft' });
    const noteUri = `${strata.url}/users/alice/statuses/${status.id}`;
    await eventually(() => received('Create', noteUri), 20_000);
    await alice.client.v1.statuses.$select(status.id).update({ status: 'Second draft' });
    const update = await eventually(() => received('Update', noteUri), 20_000);
    expect(String(((await update.getObject()) as Note).content)).toContain('Second draft');
    await alice.client.v1.statuses.$select(status.id).remove();
    const deletion = await eventually(() => received('Delete', noteUri), 20_000);
    expect(deletion.actorId?.href).toBe(`${strata.url}/users/alice`);
    expect((await fetch(noteUri, { headers: { accept: AP } })).status).toBe(404);
  });

  it('hears of a profile change as Update(Person)', async () => {
    await alice.client.v1.accounts.updateCredentials({ displayName: 'Alice Liddell' });
    const update = await eventually(() => received('Update', `${strata.url}/users/alice`), 20_000);
    const person = await update.getObject();
    expect(person).toBeInstanceOf(Person);
    expect(String(person!.name)).toBe('Alice Liddell');
  });

  it('is accepted again when it sends its Follow again, and unfollows with Undo', async () => {
    const ctx = peer.federation.createContext(new URL(peer.origin));
    const alicesActor = (await ctx.lookupObject(`${strata.url}/users/alice`)) as Person;
    // a new id: Fedify's inbox drops an activity id it has already handled
    const again = new Follow({ id: new URL(`${peer.origin}/follows/1-again`), actor: peer.actorUri, object: alicesActor.id });
    await ctx.sendActivity({ identifier: 'peer' }, alicesActor, again, { immediate: true });
    await eventually(() => acceptOf(again), 20_000);

    const undo = new Undo({ id: new URL(`${peer.origin}/follows/1/undo`), actor: peer.actorUri, object: follow });
    await ctx.sendActivity({ identifier: 'peer' }, alicesActor, undo, { immediate: true });
    await eventually(async () => (await alice.client.v1.accounts.verifyCredentials()).followersCount === 0, 20_000);
    expect(await alice.client.v1.accounts.$select(alice.id).followers.list()).toEqual([]);
  });

  it('is refused with Reject once blocked', async () => {
    await alice.client.v1.accounts.$select(peerAccountId).block();
    const ctx = peer.federation.createContext(new URL(peer.origin));
    const alicesActor = (await ctx.lookupObject(`${strata.url}/users/alice`)) as Person;
    const blockedFollow = new Follow({ id: new URL(`${peer.origin}/follows/3`), actor: peer.actorUri, object: alicesActor.id });
    await ctx.sendActivity({ identifier: 'peer' }, alicesActor, blockedFollow, { immediate: true });
    const reject = await eventually(() => received('Reject', blockedFollow.id!.href), 20_000);
    expect(reject.actorId?.href).toBe(`${strata.url}/users/alice`);
    expect((await alice.client.v1.accounts.verifyCredentials()).followersCount).toBe(0);
  });
});

describe('a remote follower of a locked account', () => {
  it('waits as a follow request until it is authorized, then is accepted', async () => {
    const ctx = peer.federation.createContext(new URL(peer.origin));
    const carolsActor = (await ctx.lookupObject(`${strata.url}/users/carol`)) as Person;
    expect(carolsActor.manuallyApprovesFollowers).toBe(true);
    const follow = new Follow({ id: new URL(`${peer.origin}/follows/2`), actor: peer.actorUri, object: carolsActor.id });
    await ctx.sendActivity({ identifier: 'peer' }, carolsActor, follow, { immediate: true });

    const [request] = await eventually(async () => {
      const requests = await carol.client.v1.followRequests.list();
      return requests.length > 0 ? requests : null;
    }, 20_000);
    expect(request!.acct).toBe(`peer@${new URL(peer.origin).host}`);
    expect(acceptOf(follow)).toBeUndefined();
    await carol.client.v1.followRequests.$select(request!.id).authorize();
    const accept = await eventually(() => acceptOf(follow), 20_000);
    expect(accept.actorId?.href).toBe(`${strata.url}/users/carol`);
  });

  it('is told by Reject when removed from the followers', async () => {
    const [follower] = await carol.client.v1.accounts.$select(carol.id).followers.list();
    await carol.client.v1.accounts.$select(follower!.id).removeFromFollowers();
    const reject = await eventually(() => received('Reject', `${peer.origin}/follows/2`), 20_000);
    expect(reject.actorId?.href).toBe(`${strata.url}/users/carol`);
  });
});

describe('NodeInfo', () => {
  it('counts real usage', async () => {
    const links = (await (await fetch(`${strata.url}/.well-known/nodeinfo`)).json()) as { links: { href: string }[] };
    const nodeinfo = (await (await fetch(links.links[0]!.href)).json()) as { usage: { users: { total: number }; localPosts: number } };
    expect(nodeinfo.usage.users.total).toBe(2);
    expect(nodeinfo.usage.localPosts).toBe(4); // the deleted one is not counted
    const instance = (await (await fetch(`${strata.url}/api/v1/instance`)).json()) as { stats: { domain_count: number } };
    expect(instance.stats.domain_count).toBe(1);
  });
});

/** The Accept the peer received for this Follow, if any. */
function acceptOf(follow: Follow): Activity | undefined {
  return peer.received.find((activity) => activity.constructor.name === 'Accept' && activity.objectId?.href === follow.id?.href);
}

/** The activity of this type the peer received about this object, if any. */
function received(type: string, objectUri: string): Activity | undefined {
  return peer.received.find((activity) => activity.constructor.name === type && activity.objectId?.href === objectUri);
}
