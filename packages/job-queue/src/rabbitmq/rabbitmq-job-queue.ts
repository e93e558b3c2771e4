import { randomUUID } from 'node:crypto';
import { type Channel, type ChannelModel, type ConsumeMessage, connect } from 'amqplib';
import { JobQueueUnavailableError } from '../errors.ts';
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
import { type JobMessage, decodeJob, encodeJob } from './messages.ts';
import { RabbitTopology } from './topology.ts';

export interface RabbitJobQueueOptions {
  url: string;
  /** Put before every queue name, so tests and several deployments share one broker. */
  prefix?: string;
}

/**
 * The distributed job queue on RabbitMQ (queue layout in topology.ts). A worker acks a
 * message only once its outcome (done, retry parked in a delay queue, or dead letter)
 * is confirmed by the broker, so a crash at any point means a redelivery, never a loss.
 * Attempts are counted in a header when a retry is published; a redelivery after a
 * crash does not count as an attempt.
 */
export class RabbitJobQueue implements JobQueue {
  readonly #connection: ChannelModel;
  readonly #topology: RabbitTopology;
  readonly #workers = new Set<Worker>();

  constructor(connection: ChannelModel, prefix: string) {
    this.#connection = connection;
    this.#topology = new RabbitTopology(connection, prefix);
  }

  async enqueue<T>(queue: string, payload: T, options: EnqueueOptions = {}): Promise<string> {
    const id = randomUUID();
    const job: JobMessage = { id, payload, attempts: 0, maxAttempts: options.maxAttempts ?? defaultMaxAttempts };
    if (options.correlationId) job.correlationId = options.correlationId;
    await this.#send(queue, job, options.delayMs ?? 0);
    return id;
  }

  async work<T>(queue: string, handler: (job: Job<T>) => Promise<void>, options: WorkOptions = {}): Promise<Worker> {
    const workQueue = await this.#topology.workQueue(queue);
    const channel = await this.#connection.createChannel();
    channel.on('error', () => {}); // the broker closed the channel: its unacked messages go back to the queue
    // the broker hands out at most `concurrency` unacked messages, so that many run at once
    await channel.prefetch(Math.max(1, options.concurrency ?? 1));
    const backoff = options.backoffMs ?? defaultBackoffMs;
    const running = new Set<Promise<void>>();
    const onMessage = (message: ConsumeMessage | null) => {
      if (!message) return;
      const run = this.#handle(queue, message, channel, handler, backoff).finally(() => running.delete(run));
      running.add(run);
    };
    const { consumerTag } = await channel.consume(workQueue, onMessage, { noAck: false });
    const worker: Worker = {
      stop: async () => {
        this.#workers.delete(worker);
        await channel.cancel(consumerTag).catch(() => {});
        await Promise.allSettled([...running]);
        await channel.close().catch(() => {});
      },
    };
    this.#workers.add(worker);
    return worker;
  }

  /**
   * Reads dead letters without taking them: each is fetched unacked and all are put back
   * (nack with requeue) before returning, which RabbitMQ does at their old place in the queue.
   */
  async deadLetters<T = unknown>(queue: string, limit = 100): Promise<DeadLetter<T>[]> {
    const deadQueue = await this.#topology.deadQueue(queue);
    const channel = await this.#connection.createChannel();
    channel.on('error', () => {});
    const letters: DeadLetter<T>[] = [];
    try {
      while (letters.length < limit) {
        const message = await channel.get(deadQueue, { noAck: false });
        if (!message) break;
        const job = decodeJob(message);
        letters.push({
          id: job.id,
          queue,
          payload: job.payload as T,
          attempts: job.attempts,
          error: job.error ?? job.malformed ?? 'unknown',
          failedAt: job.failedAt ?? '',
        });
      }
      channel.nackAll(true);
    } finally {
      await channel.close().catch(() => {});
    }
    return letters;
  }

  /** The queues this process declared, counted by the broker (it cannot list the others without its management API). */
  async depths(): Promise<QueueDepth[]> {
    return this.#topology.depths();
  }

  /** Stops the workers and deletes every queue this instance declared (tests, decommissioning). */
  async deleteDeclaredQueues(): Promise<void> {
    await this.#stopWorkers();
    await this.#topology.deleteDeclared();
  }

  async close(): Promise<void> {
    await this.#stopWorkers();
    await this.#topology.close();
    await this.#connection.close().catch(() => {});
  }

  async #stopWorkers() {
    await Promise.all([...this.#workers].map((worker) => worker.stop()));
  }

  async #handle<T>(
    queue: string,
    message: ConsumeMessage,
    channel: Channel,
    handler: (job: Job<T>) => Promise<void>,
    backoff: (attempt: number) => number,
  ) {
    const job = decodeJob(message);
    const attempt = job.attempts + 1;
    try {
      if (job.malformed) {
        await this.#bury(queue, { ...job, attempts: attempt, error: job.malformed });
      } else {
        await this.#attempt(queue, { ...job, attempts: attempt }, handler, backoff);
      }
      channel.ack(message);
    } catch {
      // the outcome could not be recorded: hand the message back to run again
      try {
        channel.nack(message, false, true);
      } catch {
        // the channel is gone, and with it the delivery: the broker requeues it by itself
      }
    }
  }

  async #attempt<T>(
    queue: string,
    job: JobMessage,
    handler: (job: Job<T>) => Promise<void>,
    backoff: (attempt: number) => number,
  ) {
    try {
      const run: Job<T> = { id: job.id, queue, payload: job.payload as T, attempt: job.attempts, maxAttempts: job.maxAttempts };
      if (job.correlationId) run.correlationId = job.correlationId;
      await handler(run);
    } catch (error) {
      const outcome = decideFailure(error, job.attempts, job.maxAttempts, backoff);
      if (outcome.retry) await this.#send(queue, { ...job, error: outcome.error }, outcome.delayMs);
      else await this.#bury(queue, { ...job, error: outcome.error });
    }
  }

  async #bury(queue: string, job: JobMessage) {
    const { content, options } = encodeJob({ ...job, failedAt: new Date().toISOString() });
    await this.#topology.publish(await this.#topology.deadQueue(queue), content, options);
  }

  async #send(queue: string, job: JobMessage, delayMs: number) {
    const target = delayMs > 0 ? await this.#topology.delayQueue(queue, delayMs) : await this.#topology.workQueue(queue);
    const { content, options } = encodeJob(job);
    await this.#topology.publish(target, content, options);
  }
}

export async function connectRabbitJobQueue(options: RabbitJobQueueOptions): Promise<RabbitJobQueue> {
  let connection: ChannelModel;
  try {
    connection = await connect(options.url);
  } catch (error) {
    throw new JobQueueUnavailableError('RabbitMQ', options.url, error);
  }
  // without a listener a lost connection would crash the process; calls made after it reject instead
  connection.on('error', () => {});
  return new RabbitJobQueue(connection, options.prefix ?? 'strata');
}
