import type { StrataConfig } from '@strata/config';
import { type Clock, snowflakes, systemClock } from '@strata/kernel';
import type { Logger } from '@strata/logging';
import { IMPORT_QUEUE, importProcessor } from '@strata/portability';
import type { Engines } from '@strata/runtime';
import type { DeliveryDeps } from './index.ts';

/** Imports of follows, lists, blocks, mutes, domain blocks and bookmarks, run as jobs (retried, resumed). */
export async function importWork(config: StrataConfig, engines: Engines, logger: Logger, clock: Clock = systemClock): Promise<Pick<DeliveryDeps, 'reactions' | 'processors'>> {
  const [store, readModels] = await Promise.all([engines.eventStore(), engines.readModels()]);
  const processor = importProcessor({ commands: { store, ids: snowflakes, clock }, readModels, domain: config.domain, publicUrl: config.publicUrl, logger: logger.child({ component: 'import' }) });
  return { reactions: {}, processors: { [IMPORT_QUEUE]: processor } };
}
