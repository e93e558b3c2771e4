import type { StrataConfig } from '@strata/config';
import { type Clock, snowflakes, systemClock } from '@strata/kernel';
import type { Logger } from '@strata/logging';
import { type MediaStorage, mediaProcessors, mediaReactions, remoteMediaCacheProcessors, remoteMediaCacheReactions, scheduleMediaCleanup } from '@strata/media';
import type { Engines } from '@strata/runtime';
import { combineWork } from './index.ts';
import { remoteFileFetcher } from './remote-file-fetch.ts';

/**
 * Media work for the delivery service: uploads to process, remote attachments to cache
 * and media to clean up, as reactions to stored events and jobs on the queue, plus the scheduled sweep.
 */
export async function mediaWork(config: StrataConfig, engines: Engines, storage: MediaStorage, logger: Logger, clock: Clock = systemClock) {
  const [store, readModels, jobs] = await Promise.all([engines.eventStore(), engines.readModels(), engines.jobQueue()]);
  const common = { store, readModels, storage, limits: config.media.limits, ids: snowflakes, clock, logger: logger.child({ component: 'media' }) };
  const fetchFile = remoteFileFetcher({ allowPrivate: config.federation.allowPrivateAddress, timeoutMs: config.federation.fetchTimeoutMs });
  const parts = combineWork(
    { reactions: mediaReactions, processors: mediaProcessors({ ...common, unattachedTtlMs: config.media.unattachedTtlMs }) },
    { reactions: remoteMediaCacheReactions, processors: remoteMediaCacheProcessors({ ...common, fetchFile, limitedFederation: config.federation.limited }) },
  );
  const schedule = scheduleMediaCleanup(jobs, config.media.cleanupIntervalMs, logger);
  return { ...parts, stop: () => schedule.stop() };
}
