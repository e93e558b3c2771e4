import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Create, Document, Emoji, Image, Note, type Person, PUBLIC_COLLECTION } from '@fedify/vocab';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaFixtures } from '@strata/media/fixtures';
import { eventually, makeTempDir, runNode, type StrataProcess } from '@strata/testkit';
import type { FedifyPeer } from './support/fedify-peer.ts';
import { actorOnPeer, remoteStatusSeenBy, sendFromPeer, startStrataWithPeer } from './support/strata-with-peer.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * Remote media cached here: a Fedify peer (on 127.0.0.4) posts a note with attachments
 * it serves itself; Strata (on 127.0.0.5) fetches each file once through its outbound
 * policy, processes it as it would an upload, and serves its own copy, keeping
 * `remote_url`; so are the avatar and header of its actor. A file the peer cannot give
 * stays referenced where it is. Going the other way, local custom emojis travel as
 * `Emoji` tags with their images served here.
 */
const temp = makeTempDir('strata-e2e-federation-remote-media-');
let strata: StrataProcess;
let peer: FedifyPeer;
let bob: TestUser;
let bobsActor: Person;
let n = 0;

beforeAll(async () => {
  ({ strata, peer } = await startStrataWithPeer(temp.path, { strataHost: '127.0.0.5', peer: { host: '127.0.0.4' } }));
  ({ bob } = (await signUpUsers(strata.url, ['bob'])) as Record<'bob', TestUser>);
  bobsActor = await actorOnPeer(peer, strata, 'bob');
  peer.files.set('/files/photo.jpg', { contentType: 'image/jpeg', body: await mediaFixtures.jpegWithGps(1200, 900), fetched: 0 });
  peer.files.set('/files/clip.mp4', { contentType: 'video/mp4', body: await mediaFixtures.mp4(1), fetched: 0 });
  peer.files.set('/files/avatar.png', { contentType: 'image/png', body: await mediaFixtures.png(800, 600), fetched: 0 });
  peer.actors.set('peer', {
    icon: new Image({ url: new URL(`${peer.origin}/files/avatar.png`), mediaType: 'image/png' }),
    image: new Image({ url: new URL(`${peer.origin}/files/missing-header.png`), mediaType: 'image/png' }),
  });
}, 90_000);
afterAll(async () => {
  await peer?.close();
  await strata?.kill();
  temp.remove();
});

const followers = () => new URL(`${peer.origin}/users/peer/followers`);

function noteWith(attachments: Document[]) {
  const note = new Note({ id: new URL(`${peer.origin}/notes/media-${++n}`), attribution: peer.actorUri, content: `<p>media ${n}</p>`, attachments, tos: [PUBLIC_COLLECTION], ccs: [followers()] });
  return new Create({ id: new URL(`${note.id!.href}/activity`), actor: peer.actorUri, object: note, tos: note.toIds, ccs: note.ccIds });
}

type Attachment = { type: string; url: string; preview_url: string | null; remote_url: string | null; meta: { original?: { width: number; height: number } }; blurhash: string | null };
const attachmentsOf = async (statusId: string) =>
  ((await (await fetch(`${strata.url}/api/v1/statuses/${statusId}`, { headers: { authorization: `Bearer ${bob.token}` } })).json()) as { media_attachments: Attachment[] }).media_attachments;

describe('remote media', () => {
  it('is fetched once, processed like an upload and served from here, with remote_url naming the original', async () => {
    const create = noteWith([
      new Document({ mediaType: 'image/jpeg', url: new URL(`${peer.origin}/files/photo.jpg`), name: 'A photo' }),
      new Document({ mediaType: 'video/mp4', url: new URL(`${peer.origin}/files/clip.mp4`) }),
      new Document({ mediaType: 'image/png', url: new URL(`${peer.origin}/files/gone.png`) }),
    ]);
    await sendFromPeer(peer, bobsActor, create);
    const status = await remoteStatusSeenBy(bob, create.objectId!.href);
    // the masto client sees the cached copies once the jobs are done
    const cached = await eventually(async () => {
      const seen = await bob.client.v1.statuses.$select(status.id).fetch();
      return seen.mediaAttachments.slice(0, 2).every((m) => m.url?.startsWith(strata.url)) ? seen : null;
    }, 60_000);
    const [photo, clip, gone] = cached.mediaAttachments;
    expect(photo).toMatchObject({ type: 'image', remoteUrl: `${peer.origin}/files/photo.jpg`, description: 'A photo', meta: { original: { width: 1200, height: 900 } } });
    expect(photo!.previewUrl?.startsWith(strata.url)).toBe(true);
    expect(photo!.blurhash).toMatch(/^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{6,}$/);
    expect(clip).toMatchObject({ type: 'video', remoteUrl: `${peer.origin}/files/clip.mp4` });
    expect(clip!.url!.startsWith(strata.url)).toBe(true);
    // the file served here is a real image, stripped of the phone's GPS data
    const served = await fetch(photo!.url!);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const metadata = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect(metadata).toMatchObject({ width: 1200, height: 900, format: 'jpeg' });
    expect(metadata.exif).toBeUndefined();
    expect((await fetch(clip!.url!)).headers.get('content-type')).toBe('video/mp4');
    // what the peer could not give stays referenced at its server
    expect(gone).toMatchObject({ type: 'image', url: `${peer.origin}/files/gone.png`, remoteUrl: `${peer.origin}/files/gone.png` });
    expect(peer.files.get('/files/photo.jpg')!.fetched).toBe(1);
  });

  it('is not fetched again when the same status is delivered again', async () => {
    const create = noteWith([new Document({ mediaType: 'image/jpeg', url: new URL(`${peer.origin}/files/photo.jpg`) })]);
    const before = peer.files.get('/files/photo.jpg')!.fetched;
    await sendFromPeer(peer, bobsActor, create);
    const status = await remoteStatusSeenBy(bob, create.objectId!.href);
    await eventually(async () => ((await attachmentsOf(status.id))[0]!.url.startsWith(strata.url) ? true : null), 30_000);
    await sendFromPeer(peer, bobsActor, create);
    // a later status's media being cached shows the redelivery was handled before it
    const later = noteWith([new Document({ mediaType: 'video/mp4', url: new URL(`${peer.origin}/files/clip.mp4`) })]);
    await sendFromPeer(peer, bobsActor, later);
    const laterStatus = await remoteStatusSeenBy(bob, later.objectId!.href);
    await eventually(async () => ((await attachmentsOf(laterStatus.id))[0]!.url.startsWith(strata.url) ? true : null), 60_000);
    expect(peer.files.get('/files/photo.jpg')!.fetched).toBe(before + 1);
    expect((await attachmentsOf(status.id)).map((m) => m.remote_url)).toEqual([`${peer.origin}/files/photo.jpg`]);
  });

  it("of an account (its avatar) is cached too, the header the peer cannot give staying remote", async () => {
    const create = noteWith([]);
    await sendFromPeer(peer, bobsActor, create);
    const status = await remoteStatusSeenBy(bob, create.objectId!.href);
    const account = await eventually(async () => {
      const seen = await bob.client.v1.accounts.$select(status.account.id).fetch();
      return seen.avatar.startsWith(strata.url) ? seen : null;
    }, 30_000);
    expect(account.avatarStatic).toBe(account.avatar);
    expect(account.header).toBe(`${peer.origin}/files/missing-header.png`);
    const served = await fetch(account.avatar);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(await sharp(Buffer.from(await served.arrayBuffer())).metadata()).toMatchObject({ format: 'webp', width: 400, height: 400 });
    expect(peer.files.get('/files/avatar.png')!.fetched).toBe(1);
  });
});

describe('custom emojis going out', () => {
  it("are Emoji tags on a note and on the author's actor, their icon the image served here", async () => {
    const png = join(temp.path, 'blobfox.png');
    writeFileSync(png, await mediaFixtures.png(64, 64));
    expect((await runNode('packages/cli/src/main.ts', ['emojis', 'add', 'blobfox', png], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' })).code).toBe(0);
    await eventually(async () => ((await bob.client.v1.customEmojis.list()).length === 1 ? true : null), 20_000);
    await bob.client.v1.accounts.updateCredentials({ displayName: 'Bob :blobfox:' });
    const status = await bob.client.v1.statuses.create({ status: `hi @peer@${new URL(peer.origin).host} :blobfox: :unknown:`, visibility: 'direct' });
    const create = await eventually(() => peer.received.find((a) => a instanceof Create && a.objectId?.href === status.uri), 20_000);
    const ctx = peer.federation.createContext(new URL(peer.origin));
    const note = (await create.getObject({ documentLoader: await ctx.getDocumentLoader({ identifier: 'peer' }) })) as Note;
    const emojis = [];
    for await (const tag of note.getTags()) if (tag instanceof Emoji) emojis.push(tag);
    expect(emojis.map((emoji) => emoji.name?.toString())).toEqual([':blobfox:']);
    const icon = (await emojis[0]!.getIcon()) as Image;
    expect(icon.mediaType).toBe('image/png');
    const image = await fetch(icon.url!.href!);
    expect(await sharp(Buffer.from(await image.arrayBuffer())).metadata()).toMatchObject({ width: 64, height: 64 });
    // the actor, fetched fresh, names the emoji of its display name
    const actor = (await ctx.lookupObject(`${strata.url}/users/bob`, { documentLoader: await ctx.getDocumentLoader({ identifier: 'peer' }) })) as Person;
    const actorEmojis = [];
    for await (const tag of actor.getTags()) if (tag instanceof Emoji) actorEmojis.push(tag.name?.toString());
    expect(actorEmojis).toEqual([':blobfox:']);
  });
});
