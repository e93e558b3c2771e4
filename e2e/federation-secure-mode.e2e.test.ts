import { signRequest } from '@fedify/fedify';
import { Follow, type Person } from '@fedify/vocab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, freePort, makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type FedifyPeer, startFedifyPeer } from './support/fedify-peer.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * Secure mode (authorized fetch): Strata serves actors in full, statuses and collections
 * only to signed requests, while the instance actor, WebFinger and NodeInfo stay public
 * and a peer that signs its fetches federates as before.
 */
const temp = makeTempDir('strata-e2e-secure-mode-');
let strata: StrataProcess;
let peer: FedifyPeer;
let alice: TestUser;
let domain: string;
const AP = 'application/activity+json';

beforeAll(async () => {
  const port = await freePort();
  domain = `127.0.0.1:${port}`;
  strata = await startStrataProcess({ dataDir: temp.path, port, env: { STRATA_DOMAIN: domain, STRATA_FEDERATION_ALLOW_PRIVATE: 'true', STRATA_AUTHORIZED_FETCH: 'true' } });
  peer = await startFedifyPeer();
  ({ alice } = (await signUpUsers(strata.url, ['alice'])) as Record<'alice', TestUser>);
}, 60_000);

afterAll(async () => {
  await peer?.close();
  await strata?.kill();
  temp.remove();
});

const unsigned = (url: string) => fetch(url, { headers: { accept: AP } });
async function signed(url: string) {
  const request = await signRequest(new Request(url, { headers: { accept: AP } }), peer.rsaKey.privateKey, new URL(`${peer.actorUri.href}#main-key`), { spec: 'draft-cavage-http-signatures-12' });
  return fetch(request);
}

describe('secure mode', () => {
  it('serves statuses and collections to signed fetches only', async () => {
    const status = await alice.client.v1.statuses.create({ status: 'for signed eyes', visibility: 'public' });
    for (const path of [`/users/alice/statuses/${status.id}`, '/users/alice/outbox', '/users/alice/followers', '/users/alice/following', '/users/alice/collections/featured']) {
      expect((await unsigned(`${strata.url}${path}`)).status, path).toBe(401);
      expect((await signed(`${strata.url}${path}`)).status, path).toBe(200);
    }
    expect(await (await signed(`${strata.url}/users/alice/statuses/${status.id}`)).json()).toMatchObject({ type: 'Note', content: expect.stringContaining('for signed eyes') });
  });

  it('gives an unsigned fetch of an actor its keys and inbox only, a signed one the whole profile', async () => {
    await alice.client.v1.accounts.updateCredentials({ note: 'my secret bio' });
    const bare = (await (await unsigned(`${strata.url}/users/alice`)).json()) as Record<string, unknown>;
    expect(bare).toMatchObject({ id: `${strata.url}/users/alice`, inbox: `${strata.url}/users/alice/inbox`, publicKey: expect.any(Object) });
    expect(bare).not.toHaveProperty('summary');
    expect(bare).not.toHaveProperty('outbox');
    expect(await (await signed(`${strata.url}/users/alice`)).json()).toMatchObject({ summary: expect.stringContaining('my secret bio'), outbox: `${strata.url}/users/alice/outbox` });
  });

  it('keeps the instance actor, WebFinger and NodeInfo public', async () => {
    const host = domain.replace(/:\d+$/, '');
    expect((await fetch(`${strata.url}/.well-known/webfinger?resource=acct:alice@${domain}`)).status).toBe(200);
    expect((await fetch(`${strata.url}/nodeinfo/2.1`)).status).toBe(200);
    const jrd = (await (await fetch(`${strata.url}/.well-known/webfinger?resource=acct:${host}@${domain}`)).json()) as { links: { rel: string; href?: string }[] };
    const instance = jrd.links.find((link) => link.rel === 'self')!.href!;
    expect(await (await unsigned(instance)).json()).toMatchObject({ type: 'Application', publicKey: expect.any(Object) });
  });

  it('federates with a peer that signs its fetches', async () => {
    const ctx = peer.federation.createContext(new URL(peer.origin));
    const documentLoader = await ctx.getDocumentLoader({ identifier: 'peer' });
    const actor = (await ctx.lookupObject(`${strata.url}/users/alice`, { documentLoader })) as Person;
    expect(actor.summary?.toString()).toContain('my secret bio');
    const follow = new Follow({ id: new URL(`${peer.origin}/follows/1`), actor: peer.actorUri, object: actor.id });
    await ctx.sendActivity({ identifier: 'peer' }, actor, follow, { immediate: true });
    await eventually(() => peer.received.some((a) => a.constructor.name === 'Accept' && a.objectId?.href === follow.id!.href), 20_000);
  });
});
