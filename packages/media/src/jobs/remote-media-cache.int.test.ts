import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attachMedia, blockInstanceDomain, deleteRemoteAccount, recordRemoteAccount, recordRemoteMedia } from '@strata/commands';
import { openSqliteEventStore } from '@strata/event-store';
import { PermanentJobError } from '@strata/job-queue';
import { snowflakes, systemClock } from '@strata/kernel';
import { createLogger } from '@strata/logging';
import { PersonalDataVault } from '@strata/personal-data';
import { openSqliteReadModels } from '@strata/read-models';
import { makeTempDir } from '@strata/testkit';
import { accountsCollection, allProjections, mediaCollection } from '@strata/views';
import { mediaFixtures } from '../fixtures.ts';
import { createLocalMediaStorage } from '../local/local-media-storage.ts';
import { defaultMediaLimits } from '../processing/limits.ts';
import { REMOTE_ACCOUNT_ERASE_QUEUE, cacheRemoteAccountImages, remoteAccountImageProcessors } from './remote-account-images.ts';
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

describe("caching a remote account's pictures", () => {
  it('stores the avatar once, keeps it while the profile names it, and erases every file of the account when it is deleted', async () => {
    const avatarUrl = 'https://people.example/avatar.png';
    served.set(avatarUrl, await mediaFixtures.png(800, 600));
    const actor = {
      uri: 'https://people.example/users/carol', username: 'carol', domain: 'people.example', actorType: 'Person' as const, url: null,
      inbox: 'https://people.example/users/carol/inbox', sharedInbox: null, followers: null, publicKey: null, locked: false, discoverable: true, indexable: true,
    };
    const profile = { displayName: 'Carol', note: '', fields: [], avatarUrl, headerUrl: 'https://people.example/gone.png' };
    const { accountId } = await recordRemoteAccount(deps, actor, profile, meta);
    await project();
    await cacheRemoteAccountImages(deps, accountId);
    await project();
    // fetched again with the same picture: the copy stays and nothing is fetched
    await recordRemoteAccount(deps, actor, profile, meta);
    await project();
    await cacheRemoteAccountImages(deps, accountId);
    const account = (await accountsCollection(readModels).get(accountId))!;
    expect(account.avatarKey).toMatch(new RegExp(`^accounts/avatars/${accountId}/`));
    expect(account.headerKey).toBeNull();
    expect(await storage.stat(account.avatarKey!)).toMatchObject({ contentType: 'image/webp' });
    expect(fetched.filter((u) => u === avatarUrl)).toHaveLength(1);

    // an attachment of theirs, cached, goes with them too
    const attachmentUrl = 'https://people.example/photo.png';
    served.set(attachmentUrl, await mediaFixtures.png());
    const [mediaId] = await recordRemoteMedia(deps, accountId, [{ mediaType: 'image', remoteUrl: attachmentUrl, previewRemoteUrl: null, description: null, focus: null, meta: {}, blurhash: null }], meta);
    await attachMedia(deps, { accountId, statusId: snowflakes.next(), mediaIds: [mediaId!] }, meta);
    await project();
    await cacheRemoteAttachment(deps, mediaId!);
    await project();
    const attachment = (await mediaCollection(readModels).get(mediaId!))!;
    expect(await storage.stat(attachment.file!.key)).not.toBeNull();

    await deleteRemoteAccount(deps, accountId, meta);
    await project();
    await remoteAccountImageProcessors(deps)[REMOTE_ACCOUNT_ERASE_QUEUE]!({ accountId });
    expect(await storage.stat(account.avatarKey!)).toBeNull();
    expect(await storage.stat(attachment.file!.key)).toBeNull();
  });
});
