import type { MessageQueue, MessageQueueEnqueueOptions, MessageQueueListenOptions } from '@fedify/fedify';
import type { JobQueue } from '@strata/job-queue';

/**
 * Fedify's message queue over our job-queue port (SQLite in embedded mode, RabbitMQ in
 * distributed mode). The port already retries with back-off and dead-letters, so Fedify
 * is told the retrial is native: a failed delivery throws and the job queue retries it.
 */
export class JobMessageQueue implements MessageQueue {
  readonly nativeRetrial = true;
  readonly #jobs: JobQueue;
  readonly #queue: string;
  readonly #concurrency: number;

  constructor(jobs: JobQueue, queue: string, options: { concurrency?: number } = {}) {
    this.#jobs = jobs;
    this.#queue = queue;
    this.#concurrency = options.concurrency ?? 4;
  }

  /** `orderingKey` is not honoured (the job-queue port has no such notion): see ADR 0006. */
  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    const delayMs = options?.delay ? Math.max(0, options.delay.total('millisecond')) : 0;
    await this.#jobs.enqueue(this.#queue, message, delayMs > 0 ? { delayMs } : {});
  }

  async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    for (const message of messages) await this.enqueue(message, options);
  }

  /** Runs the handler on each job until the signal aborts; resolves once running jobs have finished. */
  async listen(handler: (message: unknown) => Promise<void> | void, options?: MessageQueueListenOptions): Promise<void> {
    const worker = await this.#jobs.work(this.#queue, async (job) => void (await handler(job.payload)), { concurrency: this.#concurrency });
    const signal = options?.signal;
    if (!signal) return new Promise<void>(() => {});
    if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    await worker.stop();
  }
}
