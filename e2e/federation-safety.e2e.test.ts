import { signRequest } from '@fedify/fedify';
import { Temporal } from '@js-temporal/polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type FedifyPeer, startFedifyPeer } from './support/fedify-peer.ts';
import { signUpUsers } from './support/users.ts';

/**
 * What Strata accepts from a peer before it trusts it: signatures inside their time
 * window, and inbox bodies of a sane size.
 */
const temp = makeTempDir('strata-e2e-federation-safety-');
let strata: StrataProcess;
let peer: FedifyPeer;
const AP = 'application/activity+json';

beforeAll(async () => {
  const port = await freePort();
  strata = await startStrataProcess({
    dataDir: temp.path,
    port,
    env: { STRATA_DOMAIN: `127.0.0.1:${port}`, STRATA_FEDERATION_ALLOW_PRIVATE: 'true', STRATA_FEDERATION_MAX_INBOX_BYTES: '65536' },
  });
  peer = await startFedifyPeer();
  await signUpUsers(strata.url, ['alice']);
}, 60_000);

afterAll(async () => {
  await peer?.close();
  await strata?.kill();
  temp.remove();
});

const follow = (n: number) =>
  JSON.stringify({ '@context': 'https://www.w3.org/ns/activitystreams', id: `${peer.origin}/follows/${n}`, type: 'Follow', actor: peer.actorUri.href, object: `${strata.url}/users/alice` });

async function signedPost(body: string, at: Temporal.Instant) {
  const signed = await signRequest(
    new Request(`${strata.url}/users/alice/inbox`, { method: 'POST', headers: { 'content-type': AP }, body }),
    peer.rsaKey.privateKey,
    new URL(`${peer.actorUri.href}#main-key`),
    { spec: 'draft-cavage-http-signatures-12', currentTime: at as unknown as globalThis.Temporal.Instant },
  );
  return fetch(signed.url, { method: 'POST', headers: signed.headers, body });
}

describe('inbound signatures and bodies', () => {
  it('refuses a signature dated outside the hour either side, and accepts the same request signed now', async () => {
    const now = Temporal.Now.instant();
    expect((await signedPost(follow(1), now.subtract({ hours: 2 }))).status).toBe(401);
    expect((await signedPost(follow(2), now.add({ hours: 2 }))).status).toBe(401);
    expect((await signedPost(follow(3), now)).status).toBe(202);
  });

  it('answers 413 to an inbox body over the limit before checking anything else', async () => {
    const huge = JSON.stringify({ type: 'Note', content: 'x'.repeat(70_000) });
    const response = await fetch(`${strata.url}/inbox`, { method: 'POST', headers: { 'content-type': AP }, body: huge });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'Request body too large' });
    // a body under the limit reaches the signature check
    expect((await fetch(`${strata.url}/inbox`, { method: 'POST', headers: { 'content-type': AP }, body: follow(4) })).status).toBe(401);
  });
});
