import type { StrataConfig } from '@strata/config';
import { type Clock, snowflakes, systemClock } from '@strata/kernel';
import type { Logger } from '@strata/logging';
import { type MediaStorage, mediaProcessors, mediaReactions, scheduleMediaCleanup } from '@strata/media';
import type { Engines } from '@strata/runtime';
import type { DeliveryDeps } from './index.ts';

/**
 * Media work for the delivery service: uploads to process and media to clean up, as
 * reactions to stored events and jobs on the queue, plus the scheduled sweep.
 */
export async function mediaWork(config: StrataConfig, engines: Engines, storage: MediaStorage, logger: Logger, clock: Clock = systemClock) {
  const [store, readModels, jobs] = await Promise.all([engines.eventStore(), engines.readModels(), engines.jobQueue()]);
  const processors = mediaProcessors({
    store,
    readModels,
    storage,
    limits: config.media.limits,
    ids: snowflakes,
    clock,
    logger: logger.child({ component: 'media' }),
    unattachedTtlMs: config.media.unattachedTtlMs,
  });
  const schedule = scheduleMediaCleanup(jobs, config.media.cleanupIntervalMs, logger);
  const parts: Pick<DeliveryDeps, 'reactions' | 'processors'> = { reactions: mediaReactions, processors };
  return { ...parts, stop: () => schedule.stop() };
}
