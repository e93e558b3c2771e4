import type { AppendResult, Closeable, ExpectedRevision, NewEvent, RecordedEvent } from '@strata/kernel';

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface ReadStreamOptions {
  /** First revision to return (inclusive); default 0. */
  fromRevision?: number;
  /** At most this many events; default all. */
  limit?: number;
}

export interface ReadAllOptions {
  /** Return events with a global position strictly greater than this; default: from the start. */
  after?: number;
  limit?: number;
}

export interface SubscribeAllOptions {
  /** Deliver events with a global position strictly greater than this; default: from the start. */
  after?: number;
}

export interface StoreSubscription {
  /** Stops delivery; resolves once no handler call is running. */
  stop(): Promise<void>;
  /** Settles when the subscription ends: resolves on stop(), rejects when the handler or the engine fails. */
  readonly done: Promise<void>;
}

/**
 * The event store port: the source of truth. All events of one append land atomically,
 * or none do. Conflicts surface as WrongExpectedRevisionError; undecodable stored data
 * as CorruptEventError naming the stream and position.
 */
export interface EventStore extends Closeable {
  append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** Events of one stream in revision order; [] when the stream does not exist. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events of every stream in global order (system streams of the engine excluded). */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catches up from `after`, then follows live appends, calling `handler` in global order, one at a time. */
  subscribeAll(handler: (event: RecordedEvent) => Promise<void>, options?: SubscribeAllOptions): StoreSubscription;
  /** Global position of the newest event, or -1 when the store is empty. */
  headPosition(): Promise<number>;
}
