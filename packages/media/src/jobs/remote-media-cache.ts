import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import { type CommandDeps, type ProcessedMedia, cacheRemoteMedia } from '@strata/commands';
import { type JobQueue, NotProjectedYet, PermanentJobError } from '@strata/job-queue';
import type { Logger } from '@strata/logging';
import type { ReadModelStore } from '@strata/read-models';
import { accountsCollection, domainPolicyFor, mediaCollection, mediaKeyPrefix } from '@strata/views';
import type { MediaStorage } from '../port.ts';
import { type AvType, transcodeAv } from '../processing/av.ts';
import { MediaToolError } from '../processing/ffmpeg.ts';
import { processImage } from '../processing/image.ts';
import { mediaKindOf, sizeLimitOf } from '../processing/kind.ts';
import { InvalidMediaError, type MediaLimits } from '../processing/limits.ts';
import { type StoreVariant, storeAvVariants, storeImageVariants, variantsUnder } from '../store-under.ts';

export const REMOTE_MEDIA_CACHE_QUEUE = 'media.cache-remote';

/**
 * Fetches a remote file to `path`, at most `maxBytes`, through the outbound policy (no
 * private addresses, time limits). Throws RemoteFileRefused for an answer that will not
 * change on a retry (4xx, too large), anything else for one that may.
 */
export type RemoteFileFetcher = (url: string, path: string, maxBytes: number) => Promise<void>;

export class RemoteFileRefused extends Error {
  override readonly name = 'RemoteFileRefused';
}

export interface RemoteMediaCacheDeps extends CommandDeps {
  readModels: ReadModelStore;
  storage: MediaStorage;
  limits: MediaLimits;
  fetchFile: RemoteFileFetcher;
  /** Limited federation: only allowed servers are federated with (their media too). */
  limitedFederation: boolean;
  logger: Logger;
}

/** A downloaded file processed as an upload would be (any kind, all at once: no request waits), stored under `prefix`. */
async function processIntoStorage(deps: RemoteMediaCacheDeps, path: string, prefix: string, work: string, stored: string[]): Promise<ProcessedMedia> {
  const storeVariant = variantsUnder(deps.storage, prefix);
  const store: StoreVariant = async (variant, data, contentType) => {
    const file = await storeVariant(variant, data, contentType);
    stored.push(file.key);
    return file;
  };
  const found = await mediaKindOf(path, deps.limits);
  if (!found) throw new InvalidMediaError('the remote file is not media Strata accepts');
  if ((await stat(path)).size > sizeLimitOf(found.kind, deps.limits)) throw new InvalidMediaError('the remote file is too large');
  if (found.kind === 'image') return storeImageVariants(store, await processImage(path, deps.limits));
  return storeAvVariants(store, found.kind, await transcodeAv(path, found.kind as AvType, work, deps.limits));
}

/** Whether the account's server (or the server the file is on) has its media rejected here (or is suspended, or not allowed in limited federation). */
export async function mediaRejected(deps: Pick<RemoteMediaCacheDeps, 'limitedFederation'>, store: ReadModelStore, accountId: string, remoteUrl: string) {
  const account = await accountsCollection(store).get(accountId);
  const hosts = new Set([new URL(remoteUrl).host.toLowerCase(), ...(account?.domain ? [account.domain.toLowerCase()] : [])]);
  for (const host of hosts) {
    const policy = await domainPolicyFor(store, host, deps.limitedFederation);
    if (policy.rejectMedia || policy.suspended) return true;
  }
  return false;
}

/**
 * Caches one remote attachment: fetched through the outbound policy, processed like an
 * upload, stored, then recorded (RemoteMediaCached) so the API serves the local copy.
 * Until then, or when it cannot be, the API keeps serving the remote URL. Nothing is
 * fetched for a server whose media is rejected; a cached or deleted attachment is left as it is.
 */
export async function cacheRemoteAttachment(deps: RemoteMediaCacheDeps, mediaId: string): Promise<void> {
  const store = deps.readModels;
  const doc = await mediaCollection(store).get(mediaId);
  if (!doc) throw new NotProjectedYet(`media ${mediaId} not projected yet`);
  // a Document of a type clients cannot show is not fetched at all
  if (!doc.remoteUrl || doc.file || doc.statusDeleted || doc.mediaType === 'unknown') return;
  if (await mediaRejected(deps, store, doc.accountId, doc.remoteUrl)) {
    deps.logger.info({ mediaId, url: doc.remoteUrl }, 'remote media not cached: its server has media rejected');
    return;
  }
  const prefix = mediaKeyPrefix(doc.accountId, mediaId);
  const work = await mkdtemp(join(tmpdir(), 'strata-remote-media-'));
  // only the files this run stored are removed when it does not record them: another run may have cached the same attachment
  const stored: string[] = [];
  const discard = () => Promise.all(stored.map((key) => deps.storage.delete(key).catch(() => {})));
  try {
    const path = join(work, 'remote');
    // the type the peer names sets only the download budget; the bytes decide the processing
    await deps.fetchFile(doc.remoteUrl, path, sizeLimitOf(doc.mediaType === 'image' ? 'image' : 'video', deps.limits));
    const processed = await processIntoStorage(deps, path, prefix, work, stored);
    const result = await cacheRemoteMedia(deps, mediaId, processed, { actor: 'system:media', correlationId: randomUUID() });
    // cached meanwhile by another worker, or deleted: this copy is not needed
    if (result.appended === 0) await discard();
    else deps.logger.info({ mediaId, type: processed.mediaType, bytes: processed.file.size }, 'remote media cached');
  } catch (error) {
    await discard();
    if (error instanceof InvalidMediaError || error instanceof MediaToolError || error instanceof RemoteFileRefused) {
      deps.logger.info({ mediaId, url: doc.remoteUrl, err: error }, 'remote media not cached; its remote URL stays');
      throw new PermanentJobError(error.message);
    }
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Each recorded remote attachment is cached by a job (durable: a restart picks it up again). */
export const remoteMediaCacheReactions: Record<string, ((event: RecordedEvent, jobs: JobQueue) => Promise<void>)[]> = {
  RemoteMediaRecorded: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type === 'RemoteMediaRecorded') await jobs.enqueue(REMOTE_MEDIA_CACHE_QUEUE, { mediaId: event.data.mediaId }, { maxAttempts: 5 });
    },
  ],
};

export function remoteMediaCacheProcessors(deps: RemoteMediaCacheDeps): Record<string, (payload: unknown) => Promise<void>> {
  return {
    [REMOTE_MEDIA_CACHE_QUEUE]: async (payload) => {
      const mediaId = (payload as { mediaId?: unknown } | null)?.mediaId;
      if (typeof mediaId !== 'string' || !/^\d{1,20}$/.test(mediaId)) throw new PermanentJobError('malformed remote media job');
      await cacheRemoteAttachment(deps, mediaId);
    },
  };
}
