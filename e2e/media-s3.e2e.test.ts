import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaFixtures } from '@strata/media/fixtures';
import { makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers } from './support/users.ts';

/** The same media flow with STRATA_MEDIA=s3, against a real S3-compatible server (s3rver) on a free port. */
const temp = makeTempDir('strata-e2e-media-s3-');
const bucketDir = makeTempDir('strata-e2e-s3rver-');
let s3: S3rver;
let strata: StrataProcess;
let alice: TestUser;

beforeAll(async () => {
  s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: bucketDir.path, configureBuckets: [{ name: 'strata-media', configs: [] }] });
  const { port } = await s3.run();
  strata = await startStrataProcess({
    dataDir: temp.path,
    env: {
      STRATA_MEDIA: 's3',
      STRATA_S3_ENDPOINT: `http://127.0.0.1:${port}`,
      STRATA_S3_BUCKET: 'strata-media',
      STRATA_S3_ACCESS_KEY_ID: 'S3RVER',
      STRATA_S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
  });
  alice = (await signUpUsers(strata.url, ['alice']))['alice']!;
});
afterAll(async () => {
  await strata?.kill();
  await s3?.close();
  temp.remove();
  bucketDir.remove();
});

const blob = (data: Buffer, type: string) => new Blob([new Uint8Array(data)], { type });

describe('media on S3-compatible storage', () => {
  it('stores, processes, serves and deletes through the bucket', async () => {
    const photo = await alice.client.v2.media.create({ file: blob(await mediaFixtures.jpegWithGps(640, 480), 'image/jpeg') });
    const served = Buffer.from(await (await fetch(photo.url!)).arrayBuffer());
    expect((await sharp(served).metadata()).exif).toBeUndefined();
    const video = await alice.client.v2.media.create({ file: blob(await mediaFixtures.mpeg4(1), 'video/mp4') });
    expect(video).toMatchObject({ type: 'video', meta: { width: 320, height: 240 } });
    const response = await fetch(video.url!, { headers: { range: 'bytes=0-99' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    const status = await alice.client.v1.statuses.create({ status: 'from the bucket', mediaIds: [photo.id, video.id] });
    expect(status.mediaAttachments.map((m) => m.type)).toEqual(['image', 'video']);
    const deleted = await fetch(`${strata.url}/api/v1/statuses/${status.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ delete_media: true }),
    });
    expect(deleted.status).toBe(200);
    for (const url of [photo.url!, photo.previewUrl!, video.url!, video.previewUrl!]) {
      const deadline = Date.now() + 15_000;
      while ((await fetch(url)).status !== 404) {
        if (Date.now() > deadline) throw new Error(`${url} was not removed`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }, 60_000);
});
