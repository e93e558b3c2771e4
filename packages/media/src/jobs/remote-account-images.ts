import { randomUUID } from 'node:crypto';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '@strata/kernel';
import { accountStream, strataEvents } from '@strata/contracts';
import { type StatusDeps, accountMediaPrefixes, cacheRemoteAccountImage } from '@strata/commands';
import { type JobQueue, NotProjectedYet, PermanentJobError } from '@strata/job-queue';
import { accountsCollection } from '@strata/views';
import { InvalidImageError, MAX_IMAGE_BYTES, storeProfileImage } from '../images.ts';
import { eraseAccountMedia } from './sweep.ts';
import { type RemoteMediaCacheDeps, RemoteFileRefused, mediaRejected } from './remote-media-cache.ts';

export const REMOTE_ACCOUNT_IMAGES_QUEUE = 'media.cache-remote-account';
export const REMOTE_ACCOUNT_ERASE_QUEUE = 'media.erase-remote-account';

export type RemoteAccountImagesDeps = RemoteMediaCacheDeps & StatusDeps;

/**
 * Caches a remote account's avatar and header: each picture its profile names and that is
 * not cached yet is fetched through the outbound policy, processed as a local profile
 * picture is (cropped, metadata stripped, WebP) and recorded. A picture that cannot be had
 * stays referenced where it is; nothing is fetched from a server whose media is rejected.
 */
export async function cacheRemoteAccountImages(deps: RemoteAccountImagesDeps, accountId: string): Promise<void> {
  const account = await accountsCollection(deps.readModels).get(accountId);
  if (!account) throw new NotProjectedYet(`account ${accountId} not projected yet`);
  const remote = account.remote;
  if (!remote) return;
  let retry: unknown = null;
  for (const kind of ['avatar', 'header'] as const) {
    const sourceUrl = kind === 'avatar' ? remote.avatarUrl : remote.headerUrl;
    if (!sourceUrl || (kind === 'avatar' ? account.avatarKey : account.headerKey)) continue;
    if (await mediaRejected(deps, deps.readModels, accountId, sourceUrl)) return;
    let key: string | undefined;
    try {
      key = await storeProfileImage(deps.storage, accountId, kind, await download(deps, sourceUrl));
      await cacheRemoteAccountImage(deps, { accountId, kind, sourceUrl, key }, { actor: 'system:media', correlationId: randomUUID() });
      deps.logger.info({ accountId, kind }, 'remote profile picture cached');
    } catch (error) {
      if (key) await deps.storage.delete(key).catch(() => {});
      if (error instanceof InvalidImageError || error instanceof RemoteFileRefused) deps.logger.info({ accountId, kind, err: error }, 'remote profile picture not cached');
      else retry = error;
    }
  }
  if (retry) throw retry;
}

async function download(deps: RemoteMediaCacheDeps, url: string): Promise<Buffer> {
  const work = await mkdtemp(join(tmpdir(), 'strata-remote-picture-'));
  try {
    await deps.fetchFile(url, join(work, 'picture'), MAX_IMAGE_BYTES);
    return await readFile(join(work, 'picture'));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Whether a stream is a remote account's (a local account's files go with its deletion command). */
async function isRemoteAccount(deps: RemoteAccountImagesDeps, accountId: string) {
  const events = await deps.store.readStream(accountStream(accountId));
  return events.some((event) => event.type === 'RemoteAccountFetched');
}

/** Remote accounts' pictures are cached when fetched, and their files erased with them. */
export const remoteAccountImageReactions: Record<string, ((event: RecordedEvent, jobs: JobQueue) => Promise<void>)[]> = {
  RemoteAccountFetched: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type === 'RemoteAccountFetched') await jobs.enqueue(REMOTE_ACCOUNT_IMAGES_QUEUE, { accountId: event.data.accountId }, { maxAttempts: 5 });
    },
  ],
  AccountDeleted: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type === 'AccountDeleted') await jobs.enqueue(REMOTE_ACCOUNT_ERASE_QUEUE, { accountId: event.data.accountId });
    },
  ],
};

const accountIdOf = (payload: unknown) => {
  const accountId = (payload as { accountId?: unknown } | null)?.accountId;
  if (typeof accountId !== 'string' || !/^\d{1,20}$/.test(accountId)) throw new PermanentJobError('malformed remote account job');
  return accountId;
};

export function remoteAccountImageProcessors(deps: RemoteAccountImagesDeps): Record<string, (payload: unknown) => Promise<void>> {
  return {
    [REMOTE_ACCOUNT_IMAGES_QUEUE]: async (payload) => cacheRemoteAccountImages(deps, accountIdOf(payload)),
    // a deleted remote account's cached attachments and pictures go too
    [REMOTE_ACCOUNT_ERASE_QUEUE]: async (payload) => {
      const accountId = accountIdOf(payload);
      if (!(await isRemoteAccount(deps, accountId))) return;
      await eraseAccountMedia(deps, accountId);
      for (const prefix of accountMediaPrefixes(accountId)) await deps.storage.deletePrefix(prefix);
    },
  };
}
