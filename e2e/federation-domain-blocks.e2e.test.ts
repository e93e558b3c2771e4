import { signRequest } from '@fedify/fedify';
import { type Activity, Create, Document, Follow, Note, type Person, PUBLIC_COLLECTION } from '@fedify/vocab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, freePort, makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type FedifyPeer, startFedifyPeer } from './support/fedify-peer.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * An admin blocks whole servers (Mastodon's admin domain blocks): two independent Fedify
 * peers follow alice; one is silenced, then suspended, and is refused both ways while
 * the other keeps federating.
 */
const temp = makeTempDir('strata-e2e-federation-domain-blocks-');
let strata: StrataProcess;
let blocked: FedifyPeer, other: FedifyPeer;
let root: TestUser, alice: TestUser, reader: TestUser;
const AP = 'application/activity+json';
let n = 0;

const hostOf = (peer: FedifyPeer) => new URL(peer.origin).host;
const admin = async (method: string, path: string, token: string, body?: unknown) => {
  const response = await fetch(`${strata.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & Record<string, unknown>[] };
};

async function followAlice(peer: FedifyPeer): Promise<Person> {
  const ctx = peer.federation.createContext(new URL(peer.origin));
  const actor = (await ctx.lookupObject(`${strata.url}/users/alice`)) as Person;
  const follow = new Follow({ id: new URL(`${peer.origin}/follows/${++n}`), actor: peer.actorUri, object: actor.id });
  await ctx.sendActivity({ identifier: 'peer' }, actor, follow, { immediate: true });
  await eventually(() => peer.received.some((a) => a.constructor.name === 'Accept' && a.objectId?.href === follow.id!.href), 20_000);
  return actor;
}

function createNote(peer: FedifyPeer, content: string, attachments: Document[] = []) {
  const note = new Note({ id: new URL(`${peer.origin}/notes/${++n}`), attribution: peer.actorUri, content, attachments, tos: [PUBLIC_COLLECTION], ccs: [new URL(`${peer.origin}/users/peer/followers`)] });
  return new Create({ id: new URL(`${note.id!.href}/activity`), actor: peer.actorUri, object: note, tos: note.toIds, ccs: note.ccIds });
}

/** The peer's activity, signed by it and POSTed by hand, so that the status code can be read. */
async function post(peer: FedifyPeer, activity: Activity) {
  const body = JSON.stringify(await activity.toJsonLd());
  const signed = await signRequest(new Request(`${strata.url}/inbox`, { method: 'POST', headers: { 'content-type': AP }, body }), peer.rsaKey.privateKey, new URL(`${peer.actorUri.href}#main-key`));
  return (await fetch(signed.url, { method: 'POST', headers: signed.headers, body })).status;
}

let blockedAccountId: string;
const publicContents = async () => (await reader.client.v1.timelines.public.list({ remote: true, limit: 40 })).map((s) => s.content);
const createsFromAlice = (peer: FedifyPeer) => peer.received.filter((a) => a.constructor.name === 'Create').map((a) => a.objectId?.href);

beforeAll(async () => {
  const port = await freePort();
  strata = await startStrataProcess({ dataDir: temp.path, port, env: { STRATA_DOMAIN: `127.0.0.1:${port}`, STRATA_FEDERATION_ALLOW_PRIVATE: 'true' } });
  [blocked, other] = await Promise.all([startFedifyPeer(), startFedifyPeer()]);
  ({ root } = (await signUpUsers(strata.url, ['root'], 'read write admin:read admin:write')) as Record<'root', TestUser>);
  ({ alice, reader } = (await signUpUsers(strata.url, ['alice', 'reader'])) as Record<'alice' | 'reader', TestUser>);
  expect((await runNode('packages/cli/src/main.ts', ['accounts', 'role', 'root', 'admin'], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' })).code).toBe(0);
  await Promise.all([followAlice(blocked), followAlice(other)]);
  expect(await post(blocked, createNote(blocked, 'before any block'))).toBe(202);
  await eventually(async () => (await publicContents()).some((c) => c.includes('before any block')), 20_000);
  blockedAccountId = (await reader.client.v1.timelines.public.list({ remote: true })).find((s) => s.content.includes('before any block'))!.account.id;
}, 90_000);

afterAll(async () => {
  await Promise.all([blocked?.close(), other?.close()]);
  await strata?.kill();
  temp.remove();
});

describe('the admin domain blocks API', () => {
  let blockId: string;

  it('refuses tokens of non-admins and bad input', async () => {
    await eventually(async () => (await admin('GET', '/api/v1/admin/domain_blocks', root.token)).status === 200, 20_000);
    expect((await admin('GET', '/api/v1/admin/domain_blocks', alice.token)).status).toBe(403);
    expect((await admin('POST', '/api/v1/admin/domain_blocks', root.token, { domain: 'not a domain' })).status).toBe(400);
    expect((await admin('POST', '/api/v1/admin/domain_blocks', root.token, { domain: 'x.example', severity: 'obliterate' })).status).toBe(400);
    expect((await admin('GET', '/api/v1/admin/domain_blocks/12345', root.token)).status).toBe(404);
  });

  it('silences a server: its posts leave the public timeline of non-followers', async () => {
    const created = await admin('POST', '/api/v1/admin/domain_blocks', root.token, { domain: hostOf(blocked), severity: 'silence', public_comment: 'noisy', obfuscate: true });
    expect(created).toMatchObject({ status: 200, body: { domain: hostOf(blocked), severity: 'silence', reject_media: false, public_comment: 'noisy', obfuscate: true } });
    blockId = created.body['id'] as string;
    expect((await admin('POST', '/api/v1/admin/domain_blocks', root.token, { domain: hostOf(blocked) })).status).toBe(422);
    expect((await admin('GET', `/api/v1/admin/domain_blocks/${blockId}`, root.token)).body).toMatchObject({ id: blockId, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await publicContents()).not.toContainEqual(expect.stringContaining('before any block'));
    const listed = (await (await fetch(`${strata.url}/api/v1/instance/domain_blocks`)).json()) as { domain: string; severity: string; comment: string }[];
    expect(listed).toEqual([{ domain: expect.stringContaining('*'), digest: expect.any(String), severity: 'silence', comment: 'noisy' }]);
  });

  it('suspends it: its content purged, its activities refused, nothing delivered to it, the other server unaffected', async () => {
    const changed = await admin('PUT', `/api/v1/admin/domain_blocks/${blockId}`, root.token, { severity: 'suspend' });
    expect(changed.body).toMatchObject({ id: blockId, severity: 'suspend', public_comment: 'noisy' });
    // its statuses deleted and its follows ended by commands, not only hidden
    const purged = await eventually(() => strata.output().split('\n').find((line) => line.includes('suspended server purged')), 30_000);
    // its status, its follow of alice and the follow notification it caused
    expect(JSON.parse(purged)).toMatchObject({ accounts: 1, statuses: 1, follows: 1, notifications: 1 });
    expect(await post(blocked, createNote(blocked, 'while suspended'))).toBe(403);
    expect(await post(other, createNote(other, 'from the other server'))).toBe(202);

    const first = await alice.client.v1.statuses.create({ status: 'first while the server is suspended' });
    const second = await alice.client.v1.statuses.create({ status: 'second while the server is suspended' });
    await eventually(() => [first.uri, second.uri].every((uri) => createsFromAlice(other).includes(uri)), 30_000);
    // it no longer follows alice; a delivery queued before that is dropped when it leaves the queue
    expect(createsFromAlice(blocked)).toEqual([]);
    const contents = await publicContents();
    expect(contents).toContainEqual(expect.stringContaining('from the other server'));
    expect(contents.filter((c) => /before any block|while suspended/.test(c))).toEqual([]);
    expect((await fetch(`${strata.url}/api/v1/accounts/${blockedAccountId}`)).status).toBe(404);
    expect(await (await fetch(`${strata.url}/api/v1/instance/peers`)).json()).toEqual([hostOf(other)]);
  });

  it('lifts the block: what was purged stays gone, and the server federates again once it follows again', async () => {
    expect((await admin('DELETE', `/api/v1/admin/domain_blocks/${blockId}`, root.token)).status).toBe(200);
    expect((await admin('GET', '/api/v1/admin/domain_blocks', root.token)).body).toEqual([]);
    await eventually(async () => (await fetch(`${strata.url}/api/v1/accounts/${blockedAccountId}`)).status === 200 || null, 20_000);
    expect(await publicContents()).not.toContainEqual(expect.stringContaining('before any block'));
    expect((await alice.client.v1.accounts.$select(alice.id).followers.list()).map((a) => a.id)).not.toContain(blockedAccountId);
    await followAlice(blocked);
    expect(await post(blocked, createNote(blocked, 'after the block'))).toBe(202);
    const after = await alice.client.v1.statuses.create({ status: 'after the block is lifted' });
    await eventually(() => createsFromAlice(blocked).includes(after.uri), 30_000);
    await eventually(async () => (await publicContents()).some((c) => c.includes('after the block')), 20_000);
    expect((await fetch(`${strata.url}/api/v1/accounts/${blockedAccountId}`)).status).toBe(200);
  });
});

describe('rejecting media of a server', () => {
  it("keeps its posts but not its files", async () => {
    const created = await admin('POST', '/api/v1/admin/domain_blocks', root.token, { domain: hostOf(other), severity: 'noop', reject_media: true });
    expect(created).toMatchObject({ status: 200, body: { severity: 'noop', reject_media: true } });
    const withMedia = (content: string) => createNote(other, content, [new Document({ mediaType: 'image/png', url: new URL(`${other.origin}/files/cat.png`), name: 'A cat' })]);
    expect(await post(other, withMedia('a cat, media rejected'))).toBe(202);
    await eventually(async () => (await publicContents()).some((c) => c.includes('a cat, media rejected')), 20_000);
    const status = (await reader.client.v1.timelines.public.list({ remote: true, limit: 40 })).find((s) => s.content.includes('a cat, media rejected'))!;
    expect(status.mediaAttachments).toEqual([]);
    expect((await admin('DELETE', `/api/v1/admin/domain_blocks/${created.body['id'] as string}`, root.token)).status).toBe(200);
    expect(await post(other, withMedia('a cat, media accepted'))).toBe(202);
    await eventually(async () => (await publicContents()).some((c) => c.includes('a cat, media accepted')), 20_000);
    const shown = (await reader.client.v1.timelines.public.list({ remote: true, limit: 40 })).find((s) => s.content.includes('a cat, media accepted'))!;
    expect(shown.mediaAttachments.map((m) => m.remoteUrl)).toEqual([`${other.origin}/files/cat.png`]);
  });
});

describe('the admin CLI', () => {
  it('blocks and unblocks a server with the same commands', async () => {
    const cli = (args: string[]) => runNode('packages/cli/src/main.ts', ['domains', ...args], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });
    expect((await cli(['block', 'spam.example', '--severity', 'noop', '--reject-media', '--reject-reports', '--private-comment', 'seen spam'])).code).toBe(0);
    const [block] = await eventually(async () => {
      const list = (await admin('GET', '/api/v1/admin/domain_blocks', root.token)).body;
      return list.length > 0 ? list : null;
    }, 20_000);
    expect(block).toMatchObject({ domain: 'spam.example', severity: 'noop', reject_media: true, reject_reports: true, private_comment: 'seen spam' });
    expect((await cli(['block', 'spam.example', '--severity', 'bogus'])).code).toBe(1);
    expect((await cli(['unblock', 'spam.example'])).code).toBe(0);
    await eventually(async () => (await admin('GET', '/api/v1/admin/domain_blocks', root.token)).body.length === 0, 20_000);
  });
});
