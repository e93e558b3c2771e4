import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blockInstanceDomain, recordRemoteMedia } from '@strata/commands';
import { openSqliteEventStore } from '@strata/event-store';
import { PermanentJobError } from '@strata/job-queue';
import { snowflakes, systemClock } from '@strata/kernel';
import { createLogger } from '@strata/logging';
import { PersonalDataVault } from '@strata/personal-data';
import { openSqliteReadModels } from '@strata/read-models';
import { makeTempDir } from '@strata/testkit';
import { allProjections, mediaCollection } from '@strata/views';
import { mediaFixtures } from '../fixtures.ts';
import { createLocalMediaStorage } from '../local/local-media-storage.ts';
import { defaultMediaLimits } from '../processing/limits.ts';
import { RemoteFileRefused, cacheRemoteAttachment } from './remote-media-cache.ts';

const temp = makeTempDir('strata-remote-media-cache-');
const store = openSqliteEventStore({ path: join(temp.path, 'events.db') });
const readModels = openSqliteReadModels({ path: join(temp.path, 'read-models.db') });
const personalData = new PersonalDataVault(openSqliteReadModels({ path: join(temp.path, 'vault.db') }));
const storage = createLocalMediaStorage({ root: join(temp.path, 'media'), publicBaseUrl: 'https://social.example' });
const meta = { correlationId: 'test' };

/** The files the "peer" serves, and every URL fetched: the network as the job sees it. */
const served = new Map<string, Buffer>();
const fetched: string[] = [];
const deps = {
  store,
  readModels,
  storage,
  personalData,
  limits: defaultMediaLimits,
  ids: snowflakes,
  clock: systemClock,
  logger: createLogger({ level: 'silent' }),
  limitedFederation: false,
  async fetchFile(url: string, path: string) {
    fetched.push(url);
    const body = served.get(url);
    if (!body) throw new RemoteFileRefused(`${url} answered 404`);
    await writeFile(path, body);
  },
};

let projected = 0;
async function project() {
  const context = { readModels, personalData, publicUrl: 'https://social.example', publish: () => {} };
  for (const event of await store.readAll({ after: projected })) {
    for (const projection of allProjections) if (projection.handles.has(event.type)) await projection.apply(event, context);
    projected = event.position;
  }
}

async function remoteImage(url: string) {
  const account = snowflakes.next();
  await personalData.ensureSubject(account);
  const attachment = { mediaType: 'image' as const, remoteUrl: url, previewRemoteUrl: null, description: 'alt', focus: { x: 0.5, y: 0 }, meta: {}, blurhash: null };
  const [mediaId] = await recordRemoteMedia(deps, account, [attachment], meta);
  await project();
  return mediaId!;
}

afterAll(async () => {
  await store.close();
  await readModels.close();
  temp.remove();
});

describe('caching remote media', () => {
  it('stores a processed copy once; a second run fetches nothing', async () => {
    const url = 'https://cache.example/a.png';
    served.set(url, await mediaFixtures.png(300, 200));
    const mediaId = await remoteImage(url);
    await cacheRemoteAttachment(deps, mediaId);
    await project();
    await cacheRemoteAttachment(deps, mediaId);
    const doc = (await mediaCollection(readModels).get(mediaId))!;
    expect(doc).toMatchObject({ remoteUrl: url, description: 'alt', focus: { x: 0.5, y: 0 }, meta: { original: { width: 300, height: 200 } } });
    expect(await storage.stat(doc.file!.key)).toMatchObject({ contentType: 'image/png' });
    expect(await storage.stat(doc.preview!.key)).not.toBeNull();
    expect(doc.bytes).toBeGreaterThan(0);
    expect(fetched.filter((u) => u === url)).toHaveLength(1);
  });

  it('never fetches from a server whose media is rejected', async () => {
    const url = 'https://rejected.example/b.png';
    served.set(url, await mediaFixtures.png());
    const mediaId = await remoteImage(url);
    const settings = { severity: 'noop' as const, rejectMedia: true, rejectReports: false, obfuscate: false, privateComment: null, publicComment: null };
    await blockInstanceDomain(deps, { domain: 'rejected.example', settings }, meta);
    await project();
    await cacheRemoteAttachment(deps, mediaId);
    expect(fetched).not.toContain(url);
    expect((await mediaCollection(readModels).get(mediaId))!.file).toBeNull();
  });

  it('gives up for good on a missing file or bytes that are not media, storing nothing', async () => {
    const missing = await remoteImage('https://cache.example/missing.png');
    await expect(cacheRemoteAttachment(deps, missing)).rejects.toBeInstanceOf(PermanentJobError);
    const url = 'https://cache.example/not-an-image.png';
    served.set(url, Buffer.from('<html>not an image</html>'.repeat(10)));
    const bogus = await remoteImage(url);
    await expect(cacheRemoteAttachment(deps, bogus)).rejects.toBeInstanceOf(PermanentJobError);
    await project();
    for (const id of [missing, bogus]) expect((await mediaCollection(readModels).get(id))!.file).toBeNull();
    const files: string[] = [];
    for await (const { key } of storage.list('media_attachments')) files.push(key);
    expect(files.some((key) => key.includes(bogus) || key.includes(missing))).toBe(false);
  });
});
