import type { StrataConfig } from '@strata/config';
import { type Clock, snowflakes, systemClock } from '@strata/kernel';
import type { Logger } from '@strata/logging';
import {
  type MediaStorage,
  mediaProcessors,
  mediaReactions,
  remoteAccountImageProcessors,
  remoteAccountImageReactions,
  remoteMediaCacheProcessors,
  remoteMediaCacheReactions,
  scheduleMediaCleanup,
} from '@strata/media';
import { PersonalDataVault } from '@strata/personal-data';
import type { Engines } from '@strata/runtime';
import { combineWork } from './index.ts';
import { remoteFileFetcher } from './remote-file-fetch.ts';

/**
 * Media work for the delivery service: uploads to process, remote attachments and
 * profile pictures to cache, media to clean up (a deleted remote account's too), as reactions to stored events and jobs on the queue, plus the scheduled sweep.
 */
export async function mediaWork(config: StrataConfig, engines: Engines, storage: MediaStorage, logger: Logger, clock: Clock = systemClock) {
  const [store, readModels, jobs, vault] = await Promise.all([engines.eventStore(), engines.readModels(), engines.jobQueue(), engines.vault()]);
  const common = { store, readModels, storage, limits: config.media.limits, ids: snowflakes, clock, logger: logger.child({ component: 'media' }) };
  const fetchFile = remoteFileFetcher({ allowPrivate: config.federation.allowPrivateAddress, timeoutMs: config.federation.fetchTimeoutMs });
  const remote = { ...common, fetchFile, limitedFederation: config.federation.limited };
  const parts = combineWork(
    { reactions: mediaReactions, processors: mediaProcessors({ ...common, unattachedTtlMs: config.media.unattachedTtlMs }) },
    { reactions: remoteMediaCacheReactions, processors: remoteMediaCacheProcessors(remote) },
    { reactions: remoteAccountImageReactions, processors: remoteAccountImageProcessors({ ...remote, personalData: new PersonalDataVault(vault) }) },
  );
  const schedule = scheduleMediaCleanup(jobs, config.media.cleanupIntervalMs, logger);
  return { ...parts, stop: () => schedule.stop() };
}
