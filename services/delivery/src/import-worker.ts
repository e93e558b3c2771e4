import type { StrataConfig } from '@strata/config';
import { type Clock, snowflakes, systemClock } from '@strata/kernel';
import type { Logger } from '@strata/logging';
import type { MediaStorage } from '@strata/media';
import { ARCHIVE_QUEUE, IMPORT_QUEUE, type RemoteLookup, archiveProcessor, importProcessor } from '@strata/portability';
import type { Engines } from '@strata/runtime';
import type { DeliveryDeps } from './index.ts';

/**
 * Imports of follows, lists, blocks, mutes, domain blocks and bookmarks (retried, resumed), and archives, run as jobs.
 * `remote` (the federation's remote resolver) lets an import name accounts and statuses of other servers.
 */
export async function importWork(config: StrataConfig, engines: Engines, media: MediaStorage, logger: Logger, remote: RemoteLookup, clock: Clock = systemClock): Promise<Pick<DeliveryDeps, 'reactions' | 'processors'>> {
  const [store, readModels] = await Promise.all([engines.eventStore(), engines.readModels()]);
  const processor = importProcessor({ commands: { store, ids: snowflakes, clock }, readModels, domain: config.domain, publicUrl: config.publicUrl, logger: logger.child({ component: 'import' }), remote });
  const archives = archiveProcessor({ readModels, media, publicUrl: config.publicUrl, clock, logger: logger.child({ component: 'archive' }) });
  return { reactions: {}, processors: { [IMPORT_QUEUE]: processor, [ARCHIVE_QUEUE]: archives } };
}
