import type { RecordedEvent } from '@strata/kernel';
import type { EventStore } from '@strata/event-store';
import type { Logger } from '@strata/logging';

export interface RelayCheckpoint {
  load(): Promise<number>;
  save(position: number): Promise<void>;
}

export interface RelayOptions {
  store: EventStore;
  publisher: { publish(events: RecordedEvent[]): Promise<void> };
  checkpoint: RelayCheckpoint;
  logger: Pick<Logger, 'info' | 'error'>;
  /** Events gathered before a publish; a partial batch goes out when the store falls quiet. */
  batchSize?: number;
  flushAfterMs?: number;
}

/**
 * Store → log without dual writes: the relay follows the store's global order after
 * its checkpoint, publishes in small batches and only then moves the checkpoint. A crash
 * republishes at most one batch, which at-least-once consumers absorb.
 */
export async function startRelay(options: RelayOptions): Promise<{ stop(): Promise<void>; done: Promise<void> }> {
  const batchSize = options.batchSize ?? 200;
  const flushAfterMs = options.flushAfterMs ?? 20;
  const from = await options.checkpoint.load();
  options.logger.info({ from }, 'relay starting');
  let pending: RecordedEvent[] = [];
  let flushing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let failure: unknown;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    flushing = flushing.then(async () => {
      if (batch.length === 0 || failure) return;
      try {
        await options.publisher.publish(batch);
        await options.checkpoint.save(batch.at(-1)!.position);
      } catch (error) {
        failure = error;
        options.logger.error({ err: error, position: batch[0]!.position }, 'relay publish failed');
      }
    });
    return flushing;
  };

  const subscription = options.store.subscribeAll(
    async (event) => {
      if (failure) throw failure;
      pending.push(event);
      if (pending.length >= batchSize) await flush();
      else timer ??= setTimeout(() => void flush(), flushAfterMs);
    },
    { after: from },
  );
  const done = subscription.done.then(async () => {
    await flush();
    if (failure) throw failure;
  });
  return {
    done,
    async stop() {
      await subscription.stop();
      await flush();
    },
  };
}
