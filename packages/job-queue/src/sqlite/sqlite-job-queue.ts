import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { decideFailure, defaultMaxAttempts } from '../failure.ts';
import {
  type DeadLetter,
  type EnqueueOptions,
  type Job,
  type JobQueue,
  type QueueDepth,
  type WorkOptions,
  type Worker,
  defaultBackoffMs,
} from '../port.ts';
import { type DeadLetterRow, type JobRow, type JobStatements, immediately, prepareJobStatements } from './statements.ts';

export interface SqliteJobQueueOptions {
  path: string;
  /** How often an idle worker looks for jobs from other processes and expired leases; default 250 ms. */
  pollIntervalMs?: number;
  /** How long a claimed job stays invisible to other workers unless renewed; default 60 s. */
  leaseMs?: number;
}

/**
 * A durable job queue in SQLite. Claiming leases a job (locked_until); the running
 * worker renews the lease, so a job stays taken while its handler runs and comes back
 * to other workers once the lease runs out, which only happens if its process died.
 */
export class SqliteJobQueue implements JobQueue {
  readonly #db: DatabaseSync;
  readonly #sql: JobStatements;
  /**
   * This process's idle worker loops, by queue. An enqueue here wakes one of them at
   * once (waking all would have every loop race for the one job); other processes find
   * it by polling.
   */
  readonly #idleLoops = new Map<string, Set<() => void>>();
  readonly #workers = new Set<Worker>();
  readonly #pollIntervalMs: number;
  readonly #leaseMs: number;

  constructor(options: SqliteJobQueueOptions) {
    this.#db = new DatabaseSync(options.path);
    this.#db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;');
    this.#sql = prepareJobStatements(this.#db);
    this.#pollIntervalMs = options.pollIntervalMs ?? 250;
    this.#leaseMs = options.leaseMs ?? 60_000;
  }

  async enqueue<T>(queue: string, payload: T, options: EnqueueOptions = {}): Promise<string> {
    const id = randomUUID();
    const runAt = Date.now() + Math.max(0, options.delayMs ?? 0);
    this.#sql.insert.run(id, queue, JSON.stringify(payload ?? null), runAt, options.maxAttempts ?? defaultMaxAttempts, options.correlationId ?? null);
    this.#wakeOne(queue);
    return id;
  }

  async work<T>(queue: string, handler: (job: Job<T>) => Promise<void>, options: WorkOptions = {}): Promise<Worker> {
    const stopping = new AbortController();
    const backoff = options.backoffMs ?? defaultBackoffMs;
    const loop = async () => {
      while (!stopping.signal.aborted) {
        const row = this.#claim(queue);
        // if recording the outcome fails (a locked database), the lease runs out and the job runs again
        if (row) await this.#run(row, handler, backoff).catch(() => {});
        else await this.#idle(queue, stopping.signal);
      }
    };
    // `concurrency` loops, each running one job at a time
    const finished = Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, loop));
    const worker: Worker = {
      stop: async () => {
        stopping.abort();
        await finished;
        this.#workers.delete(worker);
      },
    };
    this.#workers.add(worker);
    return worker;
  }

  async deadLetters<T = unknown>(queue: string, limit = 100): Promise<DeadLetter<T>[]> {
    const rows = this.#sql.deadLetters.all(queue, limit) as unknown as DeadLetterRow[];
    return rows.map((row) => ({
      id: row.id,
      queue: row.queue,
      payload: JSON.parse(row.payload) as T,
      attempts: row.attempts,
      error: row.error,
      failedAt: row.failed_at,
    }));
  }

  async depths(): Promise<QueueDepth[]> {
    return (this.#sql.depths.all() as unknown as QueueDepth[]).map(({ queue, waiting, deadLetters }) => ({ queue, waiting: Number(waiting), deadLetters: Number(deadLetters) }));
  }

  async close(): Promise<void> {
    await Promise.all([...this.#workers].map((worker) => worker.stop()));
    if (this.#db.isOpen) this.#db.close();
  }

  #claim(queue: string): JobRow | undefined {
    const now = Date.now();
    try {
      return immediately(
        this.#db,
        () => this.#sql.claim.get({ lockedUntil: now + this.#leaseMs, queue, now }) as JobRow | undefined,
      );
    } catch {
      // the database stayed locked past busy_timeout: look again after the next idle wait
      return undefined;
    }
  }

  async #run<T>(row: JobRow, handler: (job: Job<T>) => Promise<void>, backoff: (attempt: number) => number) {
    const renewal = setInterval(() => this.#renewLease(row.id), this.#leaseMs / 3);
    try {
      const payload = JSON.parse(row.payload) as T;
      const job: Job<T> = { id: row.id, queue: row.queue, payload, attempt: row.attempts, maxAttempts: row.max_attempts };
      if (row.correlation_id) job.correlationId = row.correlation_id;
      await handler(job);
      this.#sql.remove.run(row.id);
    } catch (error) {
      const outcome = decideFailure(error, row.attempts, row.max_attempts, backoff);
      if (outcome.retry) {
        this.#sql.retry.run(Date.now() + outcome.delayMs, outcome.error, row.id);
        this.#wakeOne(row.queue);
      } else {
        this.#deadLetter(row, outcome.error);
      }
    } finally {
      clearInterval(renewal);
    }
  }

  #renewLease(id: string) {
    try {
      this.#sql.renewLease.run(Date.now() + this.#leaseMs, id);
    } catch {
      // a busy database: the next renewal, a third of a lease later, tries again
    }
  }

  #deadLetter(row: JobRow, error: string) {
    immediately(this.#db, () => {
      this.#sql.bury.run(row.id, row.queue, row.payload, row.attempts, error, new Date().toISOString());
      this.#sql.remove.run(row.id);
    });
  }

  /** Waits for the next due job, an enqueue in this process, one poll interval, or stop(), whichever comes first. */
  async #idle(queue: string, signal: AbortSignal) {
    const { due } = (this.#sql.nextDue.get(queue) ?? {}) as { due?: number | null };
    const wait = due == null ? this.#pollIntervalMs : Math.min(this.#pollIntervalMs, Math.max(1, due - Date.now()));
    await new Promise<void>((resolve) => {
      const loops = this.#idleLoops.get(queue) ?? new Set();
      this.#idleLoops.set(queue, loops);
      const done = () => {
        clearTimeout(timer);
        loops.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, wait);
      loops.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  #wakeOne(queue: string) {
    const [first] = this.#idleLoops.get(queue) ?? [];
    first?.();
  }
}

export function openSqliteJobQueue(options: SqliteJobQueueOptions): SqliteJobQueue {
  return new SqliteJobQueue(options);
}
