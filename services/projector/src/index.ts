import type { RecordedEvent } from '@strata/kernel';
import { CONSUMER_GROUPS, type EventLog, type LogConsumer } from '@strata/event-log';
import { type Logger, withTrace } from '@strata/logging';
import type { PubSub } from '@strata/pubsub';
import type { ReadModelStore } from '@strata/read-models';
import { PersonalDataVault } from '@strata/personal-data';
import { BatchMemo, type Projection, type ProjectionContext, allProjections, keepsRelations, recordProgress, stampRelationsChanged } from '@strata/views';

export const PROJECTOR_GROUP = CONSUMER_GROUPS.projector;

export interface ProjectorDeps {
  log: EventLog;
  readModels: ReadModelStore;
  /** Where personal-data keys live, to open sealed profiles and statuses. */
  vault: ReadModelStore;
  pubsub: PubSub;
  /** The instance's base URL, rendered into links in content. */
  publicUrl: string;
  logger: Logger;
  projections?: readonly Projection[];
  /** Events per batch (one transaction, one checkpoint); the log's own default when absent. */
  batchSize?: number;
  /** Called after each event is projected and announced (benchmarks, tests). */
  onProjected?: (event: RecordedEvent) => void;
  /** The consumer group, one per read-model version (`projectorGroup`); version 1's by default. */
  group?: string;
  /**
   * Events up to this position are projected without being announced to streaming: the
   * projector of the version before announced them (a switch of versions), or nobody
   * should hear them again (a rebuild: Infinity).
   */
  announceAfter?: number;
  /** Called once the writes up to this event are durable and the checkpoint has moved past it. */
  onCheckpoint?: (last: RecordedEvent) => void;
}

/**
 * Consumes the event log into the read models, then announces what it projected. The
 * announcement comes after the write so a client told of a change can already read it.
 */
export async function startProjector(deps: ProjectorDeps): Promise<LogConsumer> {
  const projections = deps.projections ?? allProjections;
  const logger = deps.logger.child({ component: 'projector' });
  // announcements wait until the writes they describe are durable (flushed before the checkpoint)
  let announcements: { channel: string; message: string }[] = [];
  const memo = new BatchMemo();
  const announceAfter = deps.announceAfter ?? -1;
  let announcing = true;
  // a fan-out announces one message object (never changed after) to every follower: it is encoded once
  let lastMessage: unknown;
  let lastEncoded = '';
  const encode = (message: unknown) => {
    if (message !== lastMessage) {
      lastMessage = message;
      lastEncoded = JSON.stringify(message);
    }
    return lastEncoded;
  };
  const context: ProjectionContext = {
    memo,
    readModels: deps.readModels,
    personalData: new PersonalDataVault(deps.vault),
    publicUrl: deps.publicUrl,
    publish: (channel, message) => void (announcing && announcements.push({ channel, message: encode(message) })),
  };
  const flush = async () => {
    await deps.readModels.flushBatch();
    // between batches other writers (an erasure, a suspension) may have run: relations are read afresh
    memo.clear();
    // a retried event may have announced twice: each announcement goes out once
    const ready = new Map(announcements.map((a) => [`${a.channel}\n${a.message}`, a]));
    announcements = [];
    for (const { channel, message } of ready.values()) await deps.pubsub.publish(channel, message);
  };
  let projected = 0;
  const consumer = await deps.log.consume(deps.group ?? PROJECTOR_GROUP, (event) =>
    withTrace({ correlationId: event.metadata.correlationId, causationId: event.id }, async () => {
      // writes gather in a batch that is made durable before the log's checkpoint moves
      deps.readModels.beginBatch();
      announcing = event.position > announceAfter;
      memo.beforeEvent(event.type);
      try {
        await project(event, projections, context);
      } finally {
        memo.forgetUnlessKept();
      }
      // readers' relation caches (timelines) go stale with this write, in the same transaction
      if (!keepsRelations(event.type)) await stampRelationsChanged(deps.readModels);
      await recordProgress(deps.readModels, event.stream, event.revision, event.position);
      projected++;
      logger.debug({ type: event.type, stream: event.stream, position: event.position }, 'projected');
      deps.onProjected?.(event);
    }),
    { beforeCheckpoint: flush, ...(deps.batchSize && { batchSize: deps.batchSize }), ...(deps.onCheckpoint && { onProgress: deps.onCheckpoint }) },
  );
  const progress = setInterval(() => {
    if (projected > 0) logger.info({ projected }, 'projection progress');
    projected = 0;
  }, 10_000);
  progress.unref();
  consumer.done.finally(() => clearInterval(progress)).catch(() => {});
  return {
    done: consumer.done,
    async stop() {
      await consumer.stop();
      // an event begun but not checkpointed when the stop came leaves its batch open, and with
      // it the store's write lock: commit it (it is projected again on resume, idempotently)
      await deps.readModels.flushBatch();
    },
  };
}

async function project(event: RecordedEvent, projections: readonly Projection[], context: ProjectionContext) {
  for (const projection of projections) {
    if (projection.handles.has(event.type)) await projection.apply(event, context);
  }
}
export { REBUILD_BATCH, rebuildReadModels, rebuildWithEngines, type RebuildProgress } from './rebuild.ts';
export { startLiveProjector } from './live-projector.ts';
