import type { RecordedEvent } from '@strata/kernel';
import { sleep } from '@strata/kernel';
import type { EventStore } from '@strata/event-store';
import type { ConsumeOptions, EventLog, GroupLag, LogConsumer } from '../port.ts';
import { SqliteCheckpoints } from './checkpoints.ts';

export interface EmbeddedEventLogOptions {
  store: EventStore;
  checkpointsPath: string;
  /** Events read per batch; the checkpoint is saved after each batch. */
  batchSize?: number;
  /** First delay before retrying a failed handler; it doubles each attempt. */
  retryDelayMs?: number;
  /** Attempts at one event before the consumer gives up and `done` rejects. */
  maxAttempts?: number;
  /** How long an idle consumer waits before looking for appends from other processes. */
  idleWaitMs?: number;
}

/** Something that can wake an idle consumer at the next append (the SQLite store can). */
interface AppendNotifier {
  nextAppend(timeoutMs: number): Promise<void>;
}

/**
 * The embedded event log: the tail of the embedded store's global order, with each
 * consumer group's checkpoint in SQLite. One process owns a group at a time.
 */
export class EmbeddedEventLog implements EventLog {
  readonly #store: EventStore;
  readonly #checkpoints: SqliteCheckpoints;
  readonly #options: Required<Omit<EmbeddedEventLogOptions, 'store' | 'checkpointsPath'>>;
  readonly #consumers = new Map<string, LogConsumer>();

  constructor(options: EmbeddedEventLogOptions) {
    this.#store = options.store;
    this.#checkpoints = new SqliteCheckpoints(options.checkpointsPath);
    this.#options = {
      batchSize: options.batchSize ?? 500,
      retryDelayMs: options.retryDelayMs ?? 100,
      maxAttempts: options.maxAttempts ?? 10,
      idleWaitMs: options.idleWaitMs ?? 100,
    };
  }

  async consume(group: string, handler: (event: RecordedEvent) => Promise<void>, options: ConsumeOptions = {}): Promise<LogConsumer> {
    if (this.#consumers.has(group)) throw new Error(`consumer group ${group} is already consuming in this process`);
    const controller = new AbortController();
    let after = this.#checkpoints.load(group);
    let saved = after;
    const save = async () => {
      if (after === saved) return;
      await options.beforeCheckpoint?.();
      this.#checkpoints.save(group, after);
      saved = after;
    };

    const batchSize = options.batchSize ?? this.#options.batchSize;
    const run = async () => {
      while (!controller.signal.aborted) {
        const batch = await this.#store.readAll({ after, limit: batchSize });
        for (const event of batch) {
          if (controller.signal.aborted) break;
          await this.#handleWithRetry(group, event, handler, controller.signal);
          if (controller.signal.aborted) break;
          after = event.position;
        }
        if (batch.length > 0) {
          await save();
          options.onProgress?.(batch.at(-1)!);
        }
        if (batch.length < batchSize) await this.#waitForAppend(controller.signal);
      }
    };

    const done = run().finally(async () => {
      await save();
      this.#consumers.delete(group);
    });
    const consumer: LogConsumer = {
      done,
      async stop() {
        controller.abort();
        await done.catch(() => {});
      },
    };
    this.#consumers.set(group, consumer);
    return consumer;
  }

  async lag(group: string): Promise<GroupLag> {
    const after = this.#checkpoints.load(group);
    const [oldest] = await this.#store.readAll({ after, limit: 1 });
    if (!oldest) return { events: 0, oldestUnhandledAt: null };
    // positions start at 1; a group with no checkpoint yet loads below that
    return { events: (await this.#store.headPosition()) - Math.max(after, 0), oldestUnhandledAt: new Date(oldest.time) };
  }

  /** Forgets a group's checkpoint so its next consume starts from the beginning. */
  resetGroup(group: string): void {
    if (this.#consumers.has(group)) throw new Error(`stop consumer group ${group} before resetting it`);
    this.#checkpoints.reset(group);
  }

  async forgetGroup(group: string): Promise<void> {
    this.resetGroup(group);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#consumers.values()].map((consumer) => consumer.stop()));
    this.#checkpoints.close();
  }

  async #handleWithRetry(group: string, event: RecordedEvent, handler: (event: RecordedEvent) => Promise<void>, signal: AbortSignal) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await handler(event);
      } catch (error) {
        if (attempt >= this.#options.maxAttempts || signal.aborted) {
          throw new Error(
            `consumer group ${group} gave up on event ${event.type} at position ${event.position} (stream ${event.stream}) after ${attempt} attempts`,
            { cause: error },
          );
        }
        await sleep(this.#options.retryDelayMs * 2 ** (attempt - 1), signal);
      }
    }
  }

  #waitForAppend(signal: AbortSignal): Promise<void> {
    const notifier = this.#store as Partial<AppendNotifier>;
    const wait = notifier.nextAppend ? notifier.nextAppend(this.#options.idleWaitMs) : sleep(this.#options.idleWaitMs);
    return new Promise<void>((resolve) => {
      const onAbort = () => resolve();
      signal.addEventListener('abort', onAbort, { once: true });
      void wait.then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }
}

export function createEmbeddedEventLog(options: EmbeddedEventLogOptions): EmbeddedEventLog {
  return new EmbeddedEventLog(options);
}
