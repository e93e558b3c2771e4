import type { RecordedEvent } from '@strata/kernel';
import { CONSUMER_GROUPS, type EventLog, type LogConsumer } from '@strata/event-log';
import type { JobQueue, Worker } from '@strata/job-queue';
import { type Logger, withTrace } from '@strata/logging';

export const DELIVERY_GROUP = CONSUMER_GROUPS.delivery;

/** Turns one event into the jobs it calls for (an ActivityPub delivery per inbox, a media job...). */
export type Reaction = (event: RecordedEvent, jobs: JobQueue) => Promise<void>;
/** Runs one job type; throws to retry, PermanentJobError to dead-letter. */
export type Processor = (payload: unknown) => Promise<void>;

export interface DeliveryDeps {
  log: EventLog;
  jobs: JobQueue;
  logger: Logger;
  reactions: Record<string, Reaction[]>;
  processors: Record<string, Processor>;
}

/**
 * Outbound work is only ever a reaction to stored events: the log is read with its own
 * checkpoint, jobs are enqueued durably, and workers run them with retries.
 */
export async function startDelivery(deps: DeliveryDeps): Promise<{ stop(): Promise<void>; done: Promise<void> }> {
  const consumer: LogConsumer = await deps.log.consume(DELIVERY_GROUP, (event) =>
    withTrace({ correlationId: event.metadata.correlationId, causationId: event.id }, async () => {
      for (const react of deps.reactions[event.type] ?? []) await react(event, deps.jobs);
    }),
  );
  const workers: Worker[] = await Promise.all(
    Object.entries(deps.processors).map(([queue, process]) =>
      deps.jobs.work(queue, (job) => process(job.payload), { concurrency: 4 }),
    ),
  );
  deps.logger.info({ reactions: Object.keys(deps.reactions), queues: Object.keys(deps.processors) }, 'delivery running');
  return {
    done: consumer.done,
    async stop() {
      await consumer.stop();
      await Promise.all(workers.map((worker) => worker.stop()));
    },
  };
}
export * from './activitypub/index.ts';
export { mediaWork } from './media-worker.ts';
export { mailWork } from './mail-worker.ts';
export { importWork } from './import-worker.ts';
export * from './push/index.ts';
export { previewCards } from './preview-cards/preview-card.work.ts';
export { profileLinks } from './profile-links/profile-link.work.ts';

/** The work of several concerns (ActivityPub, media) as one delivery: reactions per event type add up. */
export function combineWork(...parts: Pick<DeliveryDeps, 'reactions' | 'processors'>[]): Pick<DeliveryDeps, 'reactions' | 'processors'> {
  const reactions: Record<string, Reaction[]> = {};
  for (const part of parts) for (const [type, list] of Object.entries(part.reactions)) reactions[type] = [...(reactions[type] ?? []), ...list];
  return { reactions, processors: Object.assign({}, ...parts.map((part) => part.processors)) };
}
export { pollExpiryWork } from './timers/poll-expiry.ts';
export { deliveryWork } from './delivery-work.ts';
export { scheduledPublishWork } from './timers/scheduled-publish.ts';
