import { Create, Document, Note, PUBLIC_COLLECTION } from '@fedify/vocab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaFixtures } from '@strata/media/fixtures';
import { eventually, freePort, makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type FedifyPeer, type PeerFile, startFedifyPeer } from './support/fedify-peer.ts';
import { actorOnPeer, remoteStatusSeenBy, sendFromPeer } from './support/strata-with-peer.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * Caching remote media survives a restart: the peer (127.0.0.4) answers 503 for its file,
 * Strata (127.0.0.5) is stopped while the job waits for its retry, the file comes back,
 * and the restarted Strata finishes the job from its durable queue.
 */
const temp = makeTempDir('strata-e2e-federation-remote-media-restart-');
const host = '127.0.0.5';
let port: number;
let strata: StrataProcess;
let peer: FedifyPeer;
let bob: TestUser;

const start = () => startStrataProcess({ dataDir: temp.path, port, host, env: { STRATA_DOMAIN: `${host}:${port}`, STRATA_FEDERATION_ALLOW_PRIVATE: 'true' } });

beforeAll(async () => {
  port = await freePort();
  strata = await start();
  peer = await startFedifyPeer({ host: '127.0.0.4' });
  ({ bob } = (await signUpUsers(strata.url, ['bob'])) as Record<'bob', TestUser>);
}, 60_000);
afterAll(async () => {
  await peer?.close();
  await strata?.kill();
  temp.remove();
});

describe('remote media caching across a restart', () => {
  it('is retried after a server error and finished by the restarted process', async () => {
    const file: PeerFile = { contentType: 'image/jpeg', body: await mediaFixtures.jpegWithGps(640, 480), fetched: 0, status: 503 };
    peer.files.set('/files/later.jpg', file);
    const note = new Note({
      id: new URL(`${peer.origin}/notes/restart-1`),
      attribution: peer.actorUri,
      content: '<p>a photo, eventually</p>',
      attachments: [new Document({ mediaType: 'image/jpeg', url: new URL(`${peer.origin}/files/later.jpg`) })],
      tos: [PUBLIC_COLLECTION],
    });
    await sendFromPeer(peer, await actorOnPeer(peer, strata, 'bob'), new Create({ id: new URL(`${note.id!.href}/activity`), actor: peer.actorUri, object: note, tos: note.toIds }));
    const status = await remoteStatusSeenBy(bob, note.id!.href);
    await eventually(() => file.fetched >= 1 || null, 20_000);
    await strata.kill();
    expect(status.mediaAttachments[0]!.url).toBe(`${peer.origin}/files/later.jpg`);
    delete file.status;
    strata = await start();
    const cached = await eventually(async () => {
      const seen = await bob.client.v1.statuses.$select(status.id).fetch();
      return seen.mediaAttachments[0]!.url?.startsWith(strata.url) ? seen.mediaAttachments[0]! : null;
    }, 60_000);
    expect(cached).toMatchObject({ remoteUrl: `${peer.origin}/files/later.jpg`, meta: { original: { width: 640, height: 480 } } });
    expect((await fetch(cached.url!)).headers.get('content-type')).toBe('image/jpeg');
  });
});
