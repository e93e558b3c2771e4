import { Create, Follow, Note, type Person, PUBLIC_COLLECTION } from '@fedify/vocab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runNode, type StrataProcess } from '@strata/testkit';
import type { FedifyPeer } from './support/fedify-peer.ts';
import { actorOnPeer, remoteStatusSeenBy, sendFromPeer, startStrataWithPeer, stopStrataWithPeer } from './support/strata-with-peer.ts';
import { type TestUser, signUpUsers, statusOf } from './support/users.ts';

/**
 * A user reports an account of another server; a moderator acts on it through the admin
 * API as on a local one: silenced (out of public timelines), then suspended with the
 * report (its statuses hidden, what it sends afterwards dropped), and unsuspended. Its
 * sign-in is its own server's: disabling it is refused.
 */
const temp = makeTempDir('strata-e2e-remote-moderation-');
let strata: StrataProcess;
let peer: FedifyPeer;
let mod: TestUser, alice: TestUser;
let alicesActor: Person;
let remoteId = '';
let n = 0;

beforeAll(async () => {
  ({ strata, peer } = await startStrataWithPeer(temp.path));
  peer.actors.set('witness', {});
  ({ alice } = (await signUpUsers(strata.url, ['alice'])) as Record<'alice', TestUser>);
  mod = (await signUpUsers(strata.url, ['mod'], 'read write follow admin:read admin:write'))['mod']!;
  expect((await runNode('packages/cli/src/main.ts', ['accounts', 'role', 'mod', 'moderator'], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' })).code).toBe(0);
  alicesActor = await actorOnPeer(peer, strata, 'alice');
}, 60_000);
afterAll(() => stopStrataWithPeer(strata, peer, temp));

/** A public post of one of the peer's actors, sent to alice's inbox. */
async function peerPosts(text: string, by = 'peer') {
  const actor = new URL(`${peer.origin}/users/${by}`);
  const note = new Note({ id: new URL(`${peer.origin}/notes/${++n}`), attribution: actor, content: `<p>${text}</p>`, tos: [PUBLIC_COLLECTION], ccs: [new URL(`${actor.href}/followers`)] });
  const create = new Create({ id: new URL(`${note.id!.href}/activity`), actor, object: note, tos: note.toIds, ccs: note.ccIds });
  await sendFromPeer(peer, alicesActor, create, by);
  return note.id!.href;
}
const act = (body: object) =>
  fetch(`${strata.url}/api/v1/admin/accounts/${remoteId}/action`, { method: 'POST', headers: { authorization: `Bearer ${mod.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const publicUris = async () => (await alice.client.v1.timelines.public.list({ remote: true, limit: 40 })).map((status) => status.uri);

describe('moderating a remote account', () => {
  let firstUri = '';

  it('silences it: out of the public timeline for those who do not follow it', async () => {
    firstUri = await peerPosts('hello from the peer');
    const seen = await remoteStatusSeenBy(alice, firstUri);
    remoteId = seen.account.id;
    expect((await act({ type: 'silence' })).status).toBe(200);
    expect(await mod.client.v1.admin.accounts.$select(remoteId).fetch()).toMatchObject({ silenced: true, domain: new URL(peer.origin).host });
    expect(await publicUris()).not.toContain(firstUri);
    expect(await mod.client.v1.admin.accounts.$select(remoteId).unsilence()).toMatchObject({ silenced: false });
    expect(await publicUris()).toContain(firstUri);
  });

  it('suspends it through a report: its statuses hidden, the report resolved, its posts and follows sent meanwhile dropped', async () => {
    const report = await alice.client.v1.reports.create({ accountId: remoteId, category: 'spam', comment: 'spam from elsewhere' });
    expect((await act({ type: 'suspend', report_id: report.id })).status).toBe(200);
    expect(await mod.client.v1.admin.reports.$select(report.id).fetch()).toMatchObject({ actionTaken: true, actionTakenByAccount: { id: mod.id } });
    expect(await publicUris()).not.toContain(firstUri);
    expect(await statusOf(alice.client.v1.accounts.$select(remoteId).fetch())).toBe(404);
    const whileSuspended = await peerPosts('sent while suspended');
    await sendFromPeer(peer, alicesActor, new Follow({ id: new URL(`${peer.origin}/follows/${++n}`), actor: peer.actorUri, object: alicesActor.id }));
    // another actor's post sent after it: once that one is here, the first has been handled
    await remoteStatusSeenBy(alice, await peerPosts('a witness', 'witness'));

    expect(await mod.client.v1.admin.accounts.$select(remoteId).unsuspend()).toMatchObject({ suspended: false });
    const afterwards = await peerPosts('sent after the suspension');
    await remoteStatusSeenBy(alice, afterwards);
    const uris = await publicUris();
    expect(uris).toContain(firstUri);
    expect(uris).not.toContain(whileSuspended);
    expect(await alice.client.v1.accounts.$select(alice.id).followers.list()).toEqual([]);
  });

  it("refuses to disable its sign-in or delete it: that is its server's", async () => {
    expect((await act({ type: 'disable' })).status).toBe(422);
    expect((await fetch(`${strata.url}/api/v1/admin/accounts/${remoteId}/enable`, { method: 'POST', headers: { authorization: `Bearer ${mod.token}` } })).status).toBe(422);
  });
});
