import type { EventStore } from '@strata/event-store';
import { EmbeddedEventLog } from '@strata/event-log';
import type { Logger } from '@strata/logging';
import type { PubSub } from '@strata/pubsub';
import type { ReadModelStore } from '@strata/read-models';
import { PROJECTOR_GROUP, startProjector } from './index.ts';

/** Events per transaction in a rebuild (a live projector uses the log's 500). */
export const REBUILD_BATCH = 2000;

/**
 * Rebuilds every read model from the first event: empties them, forgets the projector's
 * checkpoint and projects the whole log again. Run it with the projector stopped.
 */
export async function rebuildReadModels(deps: {
  store: EventStore;
  log: EmbeddedEventLog;
  readModels: ReadModelStore;
  vault: ReadModelStore;
  pubsub: PubSub;
  logger: Logger;
  publicUrl: string;
  onProgress?: (projected: number, total: number) => void;
}): Promise<{ events: number; seconds: number }> {
  const head = await deps.store.headPosition();
  await deps.readModels.dropAll();
  deps.log.resetGroup(PROJECTOR_GROUP);
  const started = process.hrtime.bigint();
  let projected = 0;
  let reached!: () => void;
  const done = new Promise<void>((resolve) => (reached = resolve));
  if (head < 0) reached();
  const consumer = await startProjector({
    ...deps,
    log: deps.log,
    // nobody waits on a rebuild's announcements: larger transactions, and relations remembered across more events
    batchSize: REBUILD_BATCH,
    onProjected(event) {
      projected++;
      if (projected % 5000 === 0) deps.onProgress?.(projected, head);
      if (event.position >= head) reached();
    },
  });
  await Promise.race([done, consumer.done]);
  await consumer.stop();
  return { events: projected, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** The rebuild on the engines a configuration names (embedded mode only: it resets the embedded log's checkpoint). */
export async function rebuildWithEngines(
  engines: { eventStore(): Promise<EventStore>; eventLog(): Promise<unknown>; readModels(): Promise<ReadModelStore>; vault(): Promise<ReadModelStore>; pubsub(): Promise<PubSub> },
  publicUrl: string,
  logger: Logger,
  onProgress?: (projected: number, total: number) => void,
) {
  const log = await engines.eventLog();
  if (!(log instanceof EmbeddedEventLog)) throw new Error('a rebuild needs the embedded event log');
  return rebuildReadModels({
    store: await engines.eventStore(),
    log,
    readModels: await engines.readModels(),
    vault: await engines.vault(),
    pubsub: await engines.pubsub(),
    logger,
    publicUrl,
    ...(onProgress && { onProgress }),
  });
}
