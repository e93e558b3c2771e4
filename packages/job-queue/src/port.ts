import type { Closeable } from '@strata/kernel';

export interface EnqueueOptions {
  /** Run no earlier than this many ms from now. */
  delayMs?: number;
  /** Attempts before the job is dead-lettered; default 8. */
  maxAttempts?: number;
  /** The correlation id of the work that enqueued the job: its runs log under it. */
  correlationId?: string;
}

export interface Job<T = unknown> {
  id: string;
  queue: string;
  payload: T;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  /** The correlation id it was enqueued with, if any. */
  correlationId?: string;
}

export interface DeadLetter<T = unknown> {
  id: string;
  queue: string;
  payload: T;
  attempts: number;
  error: string;
  failedAt: string;
}

export interface WorkOptions {
  concurrency?: number;
  /** Delay before retry n (1-based); default exponential from 1 s, capped at 1 h. */
  backoffMs?: (attempt: number) => number;
}

export interface Worker {
  /** Stops taking jobs; resolves once the running ones have finished. */
  stop(): Promise<void>;
}

/** Thrown by a handler for a failure that retrying cannot fix: the job is dead-lettered at once. */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

/**
 * A durable job queue: a job survives process death until its handler resolves. A
 * throwing handler is retried after a back-off until maxAttempts, then dead-lettered.
 */
export interface JobQueue extends Closeable {
  enqueue<T>(queue: string, payload: T, options?: EnqueueOptions): Promise<string>;
  work<T>(queue: string, handler: (job: Job<T>) => Promise<void>, options?: WorkOptions): Promise<Worker>;
  deadLetters<T = unknown>(queue: string, limit?: number): Promise<DeadLetter<T>[]>;
  /**
   * How many jobs wait and how many are dead-lettered, per queue: every queue in the
   * store (SQLite), or the queues this process has used (RabbitMQ, which cannot list them).
   */
  depths(): Promise<QueueDepth[]>;
}

export interface QueueDepth {
  queue: string;
  /** Jobs due or delayed, not yet done (RabbitMQ: those ready in the work queue). */
  waiting: number;
  deadLetters: number;
}

export function defaultBackoffMs(attempt: number): number {
  return Math.min(1000 * 2 ** (attempt - 1), 3_600_000);
}
