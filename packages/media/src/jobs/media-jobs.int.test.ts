import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachMedia, deleteStatus, postStatus, uploadMedia } from '@strata/commands';
import { openSqliteEventStore } from '@strata/event-store';
import { snowflakes, systemClock } from '@strata/kernel';
import { createLogger } from '@strata/logging';
import { PersonalDataVault } from '@strata/personal-data';
import { openSqliteReadModels } from '@strata/read-models';
import { makeTempDir } from '@strata/testkit';
import { mediaCollection, mediaKeyPrefix, mediaProjection, statusesProjection } from '@strata/views';
import { mediaFixtures } from '../fixtures.ts';
import { createLocalMediaStorage } from '../local/local-media-storage.ts';
import { defaultMediaLimits } from '../processing/limits.ts';
import { storeUnder } from '../store-under.ts';
import { processMedia } from './media-jobs.ts';
import { eraseAccountMedia, sweepMedia, sweepStrayFiles } from './sweep.ts';

const temp = makeTempDir('strata-media-jobs-');
const store = openSqliteEventStore({ path: join(temp.path, 'events.db') });
const readModels = openSqliteReadModels({ path: join(temp.path, 'read-models.db') });
const personalData = new PersonalDataVault(openSqliteReadModels({ path: join(temp.path, 'vault.db') }));
const storage = createLocalMediaStorage({ root: join(temp.path, 'media'), publicBaseUrl: 'https://social.example' });
const deps = { store, readModels, storage, limits: defaultMediaLimits, ids: snowflakes, clock: systemClock, logger: createLogger({ level: 'silent' }), unattachedTtlMs: 0, personalData };
const meta = { correlationId: 'test' };
const account = snowflakes.next();
let projected = 0;

/** Runs the media and statuses projections over what was appended since last time. */
async function project() {
  const context = { readModels, personalData, publicUrl: 'https://social.example', publish: () => {} };
  for (const event of await store.readAll({ after: projected })) {
    for (const projection of [statusesProjection, mediaProjection]) if (projection.handles.has(event.type)) await projection.apply(event, context);
    projected = event.position;
  }
}

async function upload(data: Buffer, contentType: string, mediaType: 'video' | 'audio') {
  const mediaId = snowflakes.next();
  const kept = await storeUnder(storage, mediaKeyPrefix(account, mediaId), 'upload', data, contentType);
  await uploadMedia(deps, { mediaId, accountId: account, mediaType, upload: kept, description: 'alt', focus: null, thumbnail: null, processed: null }, meta);
  return { mediaId, kept };
}

beforeAll(async () => personalData.ensureSubject(account));
afterAll(async () => {
  await store.close();
  await readModels.close();
  temp.remove();
});

describe('media jobs', () => {
  it('processes an upload once, replacing it with the processed file and a preview', async () => {
    const { mediaId, kept } = await upload(await mediaFixtures.mpeg4(1), 'video/mp4', 'video');
    await processMedia(deps, mediaId);
    await processMedia(deps, mediaId);
    await project();
    const doc = (await mediaCollection(readModels).get(mediaId))!;
    expect(doc).toMatchObject({ processing: 'done', mediaType: 'video', description: 'alt', upload: null, meta: { width: 320, height: 240 } });
    expect(await storage.stat(doc.file!.key)).toMatchObject({ contentType: 'video/mp4' });
    expect(await storage.stat(doc.preview!.key)).toMatchObject({ contentType: 'image/jpeg' });
    expect(await storage.stat(kept.key)).toBeNull();
    expect((await store.readStream(`media-${mediaId}`)).map((e) => e.type)).toEqual(['MediaUploaded', 'MediaProcessed']);
  });

  it('records a file the tools refuse as failed, for good', async () => {
    const { mediaId } = await upload(Buffer.concat([Buffer.from('ID3'), Buffer.alloc(2000, 1)]), 'audio/mpeg', 'audio');
    await processMedia(deps, mediaId);
    await project();
    expect(await mediaCollection(readModels).get(mediaId)).toMatchObject({ processing: 'failed', upload: null });
  });

  it('sweeps unattached uploads, media of deleted statuses and stray files, and keeps what is in use', async () => {
    const { mediaId: unattached } = await upload(await mediaFixtures.mp3(1), 'audio/mpeg', 'audio');
    const { mediaId: inUse } = await upload(await mediaFixtures.mp3(1), 'audio/mpeg', 'audio');
    const { mediaId: ofDeleted } = await upload(await mediaFixtures.mp3(1), 'audio/mpeg', 'audio');
    for (const id of [unattached, inUse, ofDeleted]) await processMedia(deps, id);
    const post = (mediaId: string) =>
      postStatus(deps, { accountId: account, visibility: 'public', inReplyToId: null, inReplyToAccountId: null, sensitive: false, language: null, mentionedAccountIds: [], content: { text: 'x', spoilerText: '', tags: [] }, applicationId: null, mediaIds: [mediaId] }, meta);
    await post(inUse);
    const { statusId } = await post(ofDeleted);
    await expect(attachMedia(deps, { accountId: account, statusId: snowflakes.next(), mediaIds: [inUse] }, meta)).rejects.toThrow('already attached');
    await deleteStatus(deps, { statusId, accountId: account }, meta);
    await project();
    expect(await sweepMedia(deps, { statusId })).toMatchObject({ removed: 1 });
    await project();
    const swept = await sweepMedia(deps, { olderThan: new Date(Date.now() + 1000) });
    await project();
    expect(swept.removed).toBeGreaterThanOrEqual(1);
    const left = new Set((await mediaCollection(readModels).find({})).map((doc) => doc.id));
    expect(left.has(inUse)).toBe(true);
    expect(left.has(unattached) || left.has(ofDeleted)).toBe(false);

    const stray = snowflakes.next(Date.now() - 10_000);
    const folder = await mkdtemp(join(temp.path, 'stray-'));
    await writeFile(join(folder, 'x.mp3'), 'x');
    await storeUnder(storage, mediaKeyPrefix(account, stray), 'upload', join(folder, 'x.mp3'), 'audio/mpeg');
    expect(await sweepStrayFiles(deps, new Date())).toMatchObject({ removed: 1 });
    expect((await mediaCollection(readModels).get(inUse))?.file).toBeTruthy();
  });

  it('erases every attachment and file of an account', async () => {
    const { mediaId } = await upload(await mediaFixtures.mp3(1), 'audio/mpeg', 'audio');
    await processMedia(deps, mediaId);
    await project();
    const erased = await eraseAccountMedia(deps, account);
    await project();
    expect(erased.attachments).toBeGreaterThanOrEqual(1);
    expect(await mediaCollection(readModels).find({ where: { accountId: account } })).toEqual([]);
    const left = [];
    for await (const item of storage.list(`media_attachments/${account}`)) left.push(item);
    expect(left).toEqual([]);
  });
});
