import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { DatabaseSync } from 'node:sqlite';
import { sleep } from '@strata/kernel';
import {
  type DeadLetter,
  type EnqueueOptions,
  type Job,
  type JobQueue,
  PermanentJobError,
  type WorkOptions,
  type Worker,
  defaultBackoffMs,
} from '../port.ts';
import { type JobRow, prepareJobStatements } from './statements.ts';

export interface SqliteJobQueueOptions {
  path: string;
  pollIntervalMs?: number;
  /** How long a claimed job stays invisible; a worker that died releases it when this runs out. */
  leaseMs?: number;
}

/** A durable job queue in SQLite: jobs survive restarts, a crashed worker's job comes back after its lease. */
export class SqliteJobQueue implements JobQueue {
  readonly #db: DatabaseSync;
  readonly #sql: ReturnType<typeof prepareJobStatements>;
  readonly #enqueued = new EventEmitter();
  readonly #workers = new Set<Worker>();
  readonly #pollIntervalMs: number;
  readonly #leaseMs: number;

  constructor(options: SqliteJobQueueOptions) {
    this.#db = new DatabaseSync(options.path);
    this.#db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;');
    this.#sql = prepareJobStatements(this.#db);
    this.#pollIntervalMs = options.pollIntervalMs ?? 250;
    this.#leaseMs = options.leaseMs ?? 5 * 60_000;
    this.#enqueued.setMaxListeners(0);
  }

  async enqueue<T>(queue: string, payload: T, options: EnqueueOptions = {}): Promise<string> {
    const id = randomUUID();
    const runAt = Date.now() + (options.delayMs ?? 0);
    this.#sql.insert.run(id, queue, JSON.stringify(payload), runAt, options.maxAttempts ?? 8);
    this.#enqueued.emit(queue);
    return id;
  }

  async work<T>(queue: string, handler: (job: Job<T>) => Promise<void>, options: WorkOptions = {}): Promise<Worker> {
    const controller = new AbortController();
    const backoff = options.backoffMs ?? defaultBackoffMs;
    const loop = async () => {
      while (!controller.signal.aborted) {
        const row = this.#claim(queue);
        if (!row) {
          await this.#idle(queue, controller.signal);
          continue;
        }
        await this.#run(row, handler, backoff);
      }
    };
    const loops = Array.from({ length: Math.max(1, options.concurrency ?? 1) }, loop);
    const finished = Promise.all(loops);
    const worker: Worker = {
      stop: async () => {
        controller.abort();
        await finished;
        this.#workers.delete(worker);
      },
    };
    this.#workers.add(worker);
    return worker;
  }

  async deadLetters<T = unknown>(queue: string, limit = 100): Promise<DeadLetter<T>[]> {
    const rows = this.#sql.deadLetters.all(queue, limit) as {
      id: string;
      queue: string;
      payload: string;
      attempts: number;
      error: string;
      failed_at: string;
    }[];
    return rows.map((row) => ({
      id: row.id,
      queue: row.queue,
      payload: JSON.parse(row.payload) as T,
      attempts: row.attempts,
      error: row.error,
      failedAt: row.failed_at,
    }));
  }

  async close(): Promise<void> {
    await Promise.all([...this.#workers].map((worker) => worker.stop()));
    if (this.#db.isOpen) this.#db.close();
  }

  /** Takes the next due job and leases it, atomically, so two workers never run one job. */
  #claim(queue: string): JobRow | undefined {
    const now = Date.now();
    return this.#sql.claim.get(now + this.#leaseMs, queue, now) as JobRow | undefined;
  }

  async #run<T>(row: JobRow, handler: (job: Job<T>) => Promise<void>, backoff: (attempt: number) => number) {
    const job: Job<T> = {
      id: row.id,
      queue: row.queue,
      payload: JSON.parse(row.payload) as T,
      attempt: row.attempts,
      maxAttempts: row.max_attempts,
    };
    try {
      await handler(job);
      this.#sql.remove.run(row.id);
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (error instanceof PermanentJobError || job.attempt >= job.maxAttempts) {
        this.#deadLetter(row, message);
      } else {
        this.#sql.retry.run(Date.now() + backoff(job.attempt), message, row.id);
        this.#enqueued.emit(row.queue);
      }
    }
  }

  #deadLetter(row: JobRow, error: string) {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      this.#sql.bury.run(row.id, row.queue, row.payload, row.attempts, error, new Date().toISOString());
      this.#sql.remove.run(row.id);
      this.#db.exec('COMMIT');
    } catch (failure) {
      this.#db.exec('ROLLBACK');
      throw failure;
    }
  }

  async #idle(queue: string, signal: AbortSignal) {
    const next = this.#sql.nextRunAt.get(queue) as { run_at: number | null } | undefined;
    const untilDue = next?.run_at ? Math.max(0, next.run_at - Date.now()) : Infinity;
    const wait = Math.min(this.#pollIntervalMs, untilDue);
    const woken = new Promise<void>((resolve) => {
      const wake = () => resolve();
      this.#enqueued.once(queue, wake);
      setTimeout(() => this.#enqueued.off(queue, wake), wait + 1);
    });
    await Promise.race([sleep(wait, signal), woken]);
  }
}

export function openSqliteJobQueue(options: SqliteJobQueueOptions): SqliteJobQueue {
  return new SqliteJobQueue(options);
}
