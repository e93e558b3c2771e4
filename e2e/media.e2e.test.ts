import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createStreamingAPIClient, type mastodon } from 'masto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaFixtures } from '@strata/media/fixtures';
import { eventually, makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers } from './support/users.ts';

/** Pictures, GIFs, video and audio end to end: upload, process, post, edit, stream, serve, delete. */
const temp = makeTempDir('strata-e2e-media-');
let strata: StrataProcess;
let alice: TestUser, bob: TestUser;

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  const users = await signUpUsers(strata.url, ['alice', 'bob']);
  [alice, bob] = [users['alice']!, users['bob']!];
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

const blob = (data: Buffer, type: string) => new Blob([new Uint8Array(data)], { type });
const storedFiles = async (accountId: string) =>
  (await readdir(join(temp.path, 'media', 'media_attachments', accountId), { recursive: true, withFileTypes: true }).catch(() => [])).filter((e) => e.isFile()).length;

async function rawUpload(user: TestUser, file: Blob, name = 'upload.bin', path = '/api/v2/media') {
  const form = new FormData();
  form.set('file', file, name);
  const response = await fetch(`${strata.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${user.token}` }, body: form });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function collect(subscription: mastodon.streaming.Subscription) {
  const events: mastodon.streaming.Event[] = [];
  void (async () => {
    for await (const event of subscription) events.push(event);
  })().catch(() => {});
  return (test: (event: mastodon.streaming.Event) => boolean, timeoutMs = 5000) => eventually(() => events.find(test), timeoutMs);
}

describe('media', () => {
  it('announces its limits in the instance configuration', async () => {
    const instance = await alice.client.v2.instance.fetch();
    expect(instance.configuration.mediaAttachments).toMatchObject({ imageSizeLimit: 16 * 1024 * 1024, imageMatrixLimit: 33_177_600, descriptionLimit: 1500 });
    expect(instance.configuration.mediaAttachments.supportedMimeTypes).toEqual(expect.arrayContaining(['image/jpeg', 'video/mp4', 'audio/mpeg']));
  });

  it('uploads, processes, posts, edits, streams, serves and deletes five kinds of media', async () => {
    const photo = await mediaFixtures.jpegWithGps(1200, 900);
    expect((await sharp(photo).metadata()).exif?.toString('latin1')).toContain('StrataPhone');
    const jpeg = await alice.client.v2.media.create({ file: blob(photo, 'image/jpeg'), description: 'A blue square', focus: '0.5,-0.25' });
    expect(jpeg).toMatchObject({ type: 'image', description: 'A blue square', meta: { original: { width: 1200, height: 900 }, focus: { x: 0.5, y: -0.25 } } });
    expect(jpeg.blurhash).toBeTruthy();
    const served = Buffer.from(await (await fetch(jpeg.url!)).arrayBuffer());
    const servedMeta = await sharp(served).metadata();
    expect(servedMeta.exif).toBeUndefined();
    expect(served.toString('latin1')).not.toContain('StrataPhone');

    const png = await alice.client.v2.media.create({ file: blob(await mediaFixtures.png(), 'image/png') });
    expect(png).toMatchObject({ type: 'image', meta: { small: { width: 300, height: 200 } } });

    // a GIF is accepted at once (202, no url yet) and becomes a silent looping video
    const gif = await rawUpload(alice, blob(await mediaFixtures.animatedGif(), 'image/gif'), 'funny.gif');
    expect(gif.status).toBe(202);
    expect(gif.body).toMatchObject({ type: 'gifv', url: null });
    const gifv = await eventually(async () => {
      const response = await fetch(`${strata.url}/api/v1/media/${gif.body['id']}`, { headers: { authorization: `Bearer ${alice.token}` } });
      return response.status === 200 ? ((await response.json()) as mastodon.v1.MediaAttachment) : undefined;
    }, 30_000);
    expect(gifv).toMatchObject({ type: 'gifv', meta: { width: 64, height: 48 } });
    expect(gifv.url).toMatch(/\.mp4$/);

    // masto polls GET /api/v1/media/:id until processing is done
    const video = await alice.client.v2.media.create({ file: blob(await mediaFixtures.mp4(1), 'video/mp4'), description: 'Test pattern' });
    expect(video).toMatchObject({ type: 'video', meta: { fps: 25, width: 320, height: 240, audioEncode: 'aac' } });
    const audio = await alice.client.v2.media.create({ file: blob(await mediaFixtures.mp3(1), 'audio/mpeg') });
    expect(audio).toMatchObject({ type: 'audio' });
    expect(audio.url).toMatch(/\.mp3$/);

    const streaming = createStreamingAPIClient({ streamingApiUrl: strata.url.replace('http', 'ws'), accessToken: bob.token });
    const mediaStream = streaming.public.media.subscribe();
    const nextEvent = collect(mediaStream);
    try {
      // the stream is live once a probe with a picture arrives
      for (let attempt = 0; ; attempt++) {
        const picture = await alice.client.v2.media.create({ file: blob(await mediaFixtures.png(8, 8), 'image/png') });
        const probe = await alice.client.v1.statuses.create({ status: '', mediaIds: [picture.id] });
        if (await nextEvent((e) => e.event === 'update' && e.payload.id === probe.id, 1000).catch(() => undefined)) break;
        if (attempt > 10) throw new Error('the media stream never came up');
      }
      const textOnly = await alice.client.v1.statuses.create({ status: 'no pictures here' });
      const status = await alice.client.v1.statuses.create({ status: 'Four things #media', mediaIds: [jpeg.id, png.id, gifv.id, video.id], sensitive: true });
      await nextEvent((e) => e.event === 'update' && e.payload.id === status.id);
      // posted before the one that arrived: had it passed the filter, it would be here already
      await nextEvent((e) => e.event === 'update' && e.payload.id === textOnly.id, 0).then(
        () => expect.fail('a status without media reached public:media'),
        () => undefined,
      );
      expect(status.sensitive).toBe(true);
      expect(status.mediaAttachments.map((m) => m.type)).toEqual(['image', 'image', 'gifv', 'video']);
      const onlyMedia = await bob.client.v1.timelines.public.list({ onlyMedia: true });
      expect(onlyMedia.map((s) => s.id)).toContain(status.id);
      expect(onlyMedia.every((s) => s.mediaAttachments.length > 0)).toBe(true);
      const tag = status.tags[0]!.name;
      expect((await bob.client.v1.timelines.tag.$select(tag).list({ onlyMedia: true })).map((s) => s.id)).toEqual([status.id]);
      const ofAlice = await bob.client.v1.accounts.$select(alice.id).statuses.list({ onlyMedia: true });
      expect(ofAlice[0]?.id).toBe(status.id);
      expect(ofAlice.map((s) => s.id)).not.toContain(textOnly.id);

      // replace the PNG with the MP3, describe the JPEG anew
      const edited = await alice.client.v1.statuses.$select(status.id).update({
        status: 'Four things, edited',
        mediaIds: [jpeg.id, audio.id, gifv.id, video.id],
        mediaAttributes: [{ id: jpeg.id, description: 'A blue square, described again' }],
      });
      expect(edited.mediaAttachments.map((m) => m.id)).toEqual([jpeg.id, audio.id, gifv.id, video.id]);
      expect(edited.mediaAttachments[0]!.description).toBe('A blue square, described again');
      const update = await nextEvent((e) => e.event === 'status.update' && e.payload.id === status.id);
      expect((update.payload as mastodon.v1.Status).mediaAttachments.map((m) => m.type)).toEqual(['image', 'audio', 'gifv', 'video']);
      const history = await alice.client.v1.statuses.$select(status.id).history.list();
      expect(history.map((h) => h.mediaAttachments.map((m) => m.id))).toEqual([
        [jpeg.id, png.id, gifv.id, video.id],
        [jpeg.id, audio.id, gifv.id, video.id],
      ]);

      // every file is served, with its type, caching and ranges
      const read = await bob.client.v1.statuses.$select(status.id).fetch();
      const urls = [...read.mediaAttachments, png].flatMap((m) => [m.url, m.previewUrl]).filter((u): u is string => !!u);
      expect(urls.length).toBeGreaterThanOrEqual(8);
      for (const url of urls) {
        const response = await fetch(url);
        expect(response.status, url).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^(image\/(jpeg|png)|video\/mp4|audio\/mpeg)/);
        expect(response.headers.get('cache-control')).toContain('max-age');
        expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
      }
      const range = await fetch(video.url!, { headers: { range: 'bytes=0-9' } });
      expect(range.status).toBe(206);
      expect((await range.arrayBuffer()).byteLength).toBe(10);

      // attached media cannot be deleted or reused; deleting the status removes it all
      const attached = await fetch(`${strata.url}/api/v1/media/${jpeg.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${alice.token}` } });
      expect(attached.status).toBe(422);
      await expect(alice.client.v1.statuses.create({ status: 'again', mediaIds: [jpeg.id] })).rejects.toMatchObject({ statusCode: 422 });
      // delete & redraft: the attachments stay, free for a new post; the PNG dropped by the edit goes
      await alice.client.v1.statuses.$select(status.id).remove();
      const redraft = await alice.client.v1.statuses.create({ status: 'Redrafted', mediaIds: [jpeg.id, audio.id, gifv.id, video.id] });
      expect(redraft.mediaAttachments.map((m) => m.id)).toEqual([jpeg.id, audio.id, gifv.id, video.id]);
      await eventually(async () => (await fetch(png.url!)).status === 404, 15_000);
      expect((await fetch(jpeg.url!)).status).toBe(200);
      // with delete_media the attachments go at once
      const gone = await fetch(`${strata.url}/api/v1/statuses/${redraft.id}?delete_media=true`, { method: 'DELETE', headers: { authorization: `Bearer ${alice.token}` } });
      expect(gone.status).toBe(200);
      await eventually(async () => (await fetch(jpeg.url!)).status === 404 && (await fetch(audio.url!)).status === 404 && (await fetch(video.url!)).status === 404, 15_000);
      const leftOver = async () => {
        const folders: string[] = await readdir(join(temp.path, 'media', 'media_attachments', alice.id)).catch(() => []);
        return [jpeg, png, gifv, video, audio].filter((m) => folders.includes(m.id));
      };
      await eventually(async () => (await leftOver()).length === 0, 15_000);
    } finally {
      mediaStream.unsubscribe();
      streaming.close();
    }
  }, 120_000);

  it('refuses bad and lying files with 422 and keeps nothing of them', async () => {
    const before = await storedFiles(bob.id);
    const photo = await mediaFixtures.jpegWithGps();
    const video = await mediaFixtures.mp4(1);
    const bomb = await sharp({ create: { width: 6000, height: 6000, channels: 3, background: 'black' } }).png().toBuffer();
    const bad = [
      blob(Buffer.alloc(0), 'image/png'),
      blob(Buffer.from('<html><script>alert(1)</script></html>'), 'image/jpeg'),
      blob(photo.subarray(0, Math.floor(photo.length / 2)), 'image/jpeg'),
      blob(video.subarray(0, 300), 'video/mp4'),
      blob(Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(100, 7)]), 'image/gif'),
      blob(bomb, 'image/png'),
    ];
    for (const file of bad) {
      const response = await rawUpload(bob, file, '../../etc/passwd');
      expect(response.status).toBe(422);
      expect(typeof response.body['error']).toBe('string');
    }
    expect((await rawUpload(bob, blob(photo, 'image/jpeg'), 'ok.jpg', '/api/v1/media')).status).toBe(200);
    expect(await storedFiles(bob.id)).toBe(before + 2);
    // what the bytes are decides, not what the client says: an MP4 of sound only is audio
    const voice = await rawUpload(bob, blob(await mediaFixtures.audioOnlyMp4(), 'video/mp4'), 'memo.mp4', '/api/v1/media');
    expect(voice).toMatchObject({ status: 200, body: { type: 'audio' } });
    expect(String(voice.body['url'])).toMatch(/\.mp3$/);
  });

  it('lets the owner read, describe and delete an unattached upload, and nobody else', async () => {
    const media = await alice.client.v2.media.create({ file: blob(await mediaFixtures.png(), 'image/png') });
    const updated = await alice.client.v1.media.$select(media.id).update({ description: 'Red, half transparent', focus: '-1,1' });
    expect(updated).toMatchObject({ description: 'Red, half transparent', meta: { focus: { x: -1, y: 1 } } });
    await expect(alice.client.v1.media.$select(media.id).update({ description: 'x'.repeat(1501) })).rejects.toMatchObject({ statusCode: 422 });
    await expect(bob.client.v1.media.$select(media.id).fetch()).rejects.toMatchObject({ statusCode: 404 });
    await expect(bob.client.v1.statuses.create({ status: 'not mine', mediaIds: [media.id] })).rejects.toMatchObject({ statusCode: 422 });
    // a custom thumbnail, by multipart PUT, becomes the preview
    const form = new FormData();
    form.set('thumbnail', blob(await mediaFixtures.jpegWithGps(900, 300), 'image/jpeg'), 'thumb.jpg');
    const put = await fetch(`${strata.url}/api/v1/media/${media.id}`, { method: 'PUT', headers: { authorization: `Bearer ${alice.token}` }, body: form });
    const withThumbnail = (await put.json()) as { preview_url: string; description: string };
    expect(put.status).toBe(200);
    expect(withThumbnail.preview_url).not.toBe(updated.previewUrl);
    expect(withThumbnail.description).toBe('Red, half transparent');
    const thumbnail = await sharp(Buffer.from(await (await fetch(withThumbnail.preview_url)).arrayBuffer())).metadata();
    expect([thumbnail.format, thumbnail.width, thumbnail.height, thumbnail.exif]).toEqual(['jpeg', 640, 213, undefined]);
    // a second thumbnail replaces the first, whose file goes
    const again = await fetch(`${strata.url}/api/v1/media/${media.id}`, { method: 'PUT', headers: { authorization: `Bearer ${alice.token}` }, body: form });
    expect(((await again.json()) as { preview_url: string }).preview_url).not.toBe(withThumbnail.preview_url);
    expect((await fetch(withThumbnail.preview_url)).status).toBe(404);
    const song = await alice.client.v2.media.create({ file: blob(await mediaFixtures.mp3(1), 'audio/mpeg'), thumbnail: blob(await mediaFixtures.png(), 'image/png') });
    expect(song.type).toBe('audio');
    expect(song.previewUrl).toMatch(/\/thumbnail\/.*\.jpg$/);

    const removed = await fetch(`${strata.url}/api/v1/media/${media.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${alice.token}` } });
    expect(removed.status).toBe(200);
    expect((await fetch(media.url!)).status).toBe(404);
    await expect(alice.client.v1.media.$select(media.id).fetch()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('reports usage and removes orphaned uploads from the admin CLI', async () => {
    const cli = (...args: string[]) => runNode('packages/cli/src/main.ts', args, { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });
    const orphan = await bob.client.v2.media.create({ file: blob(await mediaFixtures.png(), 'image/png') });
    const kept = await bob.client.v2.media.create({ file: blob(await mediaFixtures.png(), 'image/png') });
    await bob.client.v1.statuses.create({ status: 'kept', mediaIds: [kept.id] });
    const usage = await cli('media', 'usage');
    expect(usage.code, usage.stdout + usage.stderr).toBe(0);
    expect(usage.stdout).toMatch(/unattached\s+\d+ files/);
    expect(usage.stdout).toMatch(/in storage\s+\d+ files/);
    const removed = await cli('media', 'remove-orphans', '--hours', '0');
    expect(removed.code, removed.stdout + removed.stderr).toBe(0);
    expect(removed.stdout).toMatch(/removed \d+ of \d+ attachments/);
    expect((await fetch(orphan.url!)).status).toBe(404);
    expect((await fetch(kept.url!)).status).toBe(200);
    await eventually(async () => (await fetch(`${strata.url}/api/v1/media/${orphan.id}`, { headers: { authorization: `Bearer ${bob.token}` } })).status === 404);
    // two CLI processes, each opening every engine: give them room on a loaded machine
  }, 90_000);
});
