import { Follow, type Person } from '@fedify/vocab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, freePort, makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type FedifyPeer, startFedifyPeer } from './support/fedify-peer.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * A user hides a whole server (user-level domain block): a real ActivityPub peer follows
 * them, and its notifications leave and come back with the block.
 */
const temp = makeTempDir('strata-e2e-domain-blocks-');
let strata: StrataProcess;
let peer: FedifyPeer;
let alice: TestUser;
let peerHost: string;

const call = (method: string, path: string, body?: unknown) =>
  fetch(`${strata.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${alice.token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

beforeAll(async () => {
  const port = await freePort();
  strata = await startStrataProcess({ dataDir: temp.path, port, env: { STRATA_DOMAIN: `127.0.0.1:${port}`, STRATA_FEDERATION_ALLOW_PRIVATE: 'true' } });
  peer = await startFedifyPeer();
  peerHost = new URL(peer.origin).host;
  ({ alice } = (await signUpUsers(strata.url, ['alice'])) as Record<'alice', TestUser>);
  const ctx = peer.federation.createContext(new URL(peer.origin));
  const alicesActor = (await ctx.lookupObject(`${strata.url}/users/alice`)) as Person;
  await ctx.sendActivity({ identifier: 'peer' }, alicesActor, new Follow({ id: new URL(`${peer.origin}/follows/1`), actor: peer.actorUri, object: alicesActor.id }), { immediate: true });
}, 60_000);

afterAll(async () => {
  await peer?.close();
  await strata?.kill();
  temp.remove();
});

describe('user-level domain blocks', () => {
  const followNotifications = async () => (await alice.client.v1.notifications.list({ types: ['follow'] })).map((n) => n.account.acct);

  it('hide the notifications of a blocked server, and show them again after unblocking', async () => {
    expect(await eventually(async () => (await followNotifications()).length > 0 && followNotifications(), 20_000)).toEqual([`peer@${peerHost}`]);
    expect((await call('POST', '/api/v1/domain_blocks', { domain: peerHost.toUpperCase() })).status).toBe(200);
    expect(await (await call('GET', '/api/v1/domain_blocks')).json()).toEqual([peerHost]);
    expect(await followNotifications()).toEqual([]);
    expect((await call('DELETE', `/api/v1/domain_blocks?domain=${encodeURIComponent(peerHost)}`)).status).toBe(200);
    expect(await (await call('GET', '/api/v1/domain_blocks')).json()).toEqual([]);
    expect(await followNotifications()).toEqual([`peer@${peerHost}`]);
  });

  it('refuses what is not a domain, and the own server', async () => {
    expect((await call('POST', '/api/v1/domain_blocks', { domain: 'not a domain' })).status).toBe(400);
    expect((await call('POST', '/api/v1/domain_blocks', {})).status).toBe(400);
    expect((await call('POST', '/api/v1/domain_blocks', { domain: new URL(strata.url).host })).status).toBe(422);
    const anonymous = await fetch(`${strata.url}/api/v1/domain_blocks`);
    expect(anonymous.status).toBe(401);
  });
});
