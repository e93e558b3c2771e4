import type { Closeable, RecordedEvent } from '@strata/kernel';

export interface ConsumeOptions {
  /** Called before the checkpoint moves past handled events: flush buffered writes here. */
  beforeCheckpoint?: () => Promise<void>;
  /** Called after each handled batch, for progress reporting and read-your-writes waits. */
  onProgress?: (last: RecordedEvent) => void;
  /**
   * Events per batch (and per checkpoint) for this consumer, where the log reads in
   * batches: a rebuild reads in larger ones than a live consumer, whose announcements
   * and read-your-writes wait for the end of its batch.
   */
  batchSize?: number;
}

export interface LogConsumer {
  /** Stops consuming after the event in hand; its checkpoint is saved. */
  stop(): Promise<void>;
  /** Settles when the consumer ends: resolves on stop(), rejects when the handler keeps failing. */
  readonly done: Promise<void>;
}

/**
 * The event log (bus): what projections and other reactors consume. A named group
 * keeps a durable checkpoint; delivery is at-least-once and ordered within a stream,
 * so handlers must be idempotent. A group that restarts resumes after its checkpoint;
 * several processes in one group share the work (where the engine can split it).
 */
export interface EventLog extends Closeable {
  consume(group: string, handler: (event: RecordedEvent) => Promise<void>, options?: ConsumeOptions): Promise<LogConsumer>;
  /** How far a group is behind the head of the log, read from its durable checkpoint (any process may ask). */
  lag(group: string): Promise<GroupLag>;
  /** Forgets a group that no process consumes any more (a retired projection version): its checkpoint goes. */
  forgetGroup(group: string): Promise<void>;
}

export interface GroupLag {
  /** Events appended that the group has not handled yet. */
  events: number;
  /** When the oldest of them was recorded (null when none, or when the engine cannot tell). */
  oldestUnhandledAt: Date | null;
}
