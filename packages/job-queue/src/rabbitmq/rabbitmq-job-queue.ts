import { randomUUID } from 'node:crypto';
import { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage, connect } from 'amqplib';
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

interface Envelope {
  id: string;
  payload: unknown;
  attempt: number;
  maxAttempts: number;
  error?: string;
  failedAt?: string;
}

/**
 * The distributed job queue on RabbitMQ. Delays and back-offs park a message in a queue
 * per delay whose TTL dead-letters it back into the work queue, so a waiting retry never
 * blocks the jobs behind it. Failed jobs end in `<queue>.dead`. A message is acked only
 * after its outcome (done, retry parked, or dead letter) is safely published.
 */
export class RabbitJobQueue implements JobQueue {
  readonly #connection: ChannelModel;
  readonly #publisher: ConfirmChannel;
  readonly #prefix: string;
  readonly #declared = new Set<string>();
  readonly #workers = new Set<Worker>();

  constructor(connection: ChannelModel, publisher: ConfirmChannel, prefix: string) {
    this.#connection = connection;
    this.#publisher = publisher;
    this.#prefix = prefix;
  }

  async enqueue<T>(queue: string, payload: T, options: EnqueueOptions = {}): Promise<string> {
    const id = randomUUID();
    await this.#send(queue, { id, payload, attempt: 0, maxAttempts: options.maxAttempts ?? 8 }, options.delayMs ?? 0);
    return id;
  }

  async work<T>(queue: string, handler: (job: Job<T>) => Promise<void>, options: WorkOptions = {}): Promise<Worker> {
    const workQueue = await this.#declareWorkQueue(queue);
    const channel: Channel = await this.#connection.createChannel();
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
        await channel.cancel(consumerTag).catch(() => {});
        await Promise.allSettled([...running]);
        await channel.close().catch(() => {});
        this.#workers.delete(worker);
      },
    };
    this.#workers.add(worker);
    return worker;
  }

  /** Reads dead letters without taking them: they return to the queue when the reading channel closes unacked. */
  async deadLetters<T = unknown>(queue: string, limit = 100): Promise<DeadLetter<T>[]> {
    const deadQueue = await this.#declareDeadQueue(queue);
    const channel = await this.#connection.createChannel();
    const letters: DeadLetter<T>[] = [];
    try {
      while (letters.length < limit) {
        const message = await channel.get(deadQueue, { noAck: false });
        if (!message) break;
        const envelope = JSON.parse(message.content.toString('utf8')) as Envelope;
        letters.push({
          id: envelope.id,
          queue,
          payload: envelope.payload as T,
          attempts: envelope.attempt,
          error: envelope.error ?? 'unknown',
          failedAt: envelope.failedAt ?? '',
        });
      }
    } finally {
      await channel.close();
    }
    return letters;
  }

  /** Stops the workers and deletes every queue this instance declared (tests, decommissioning). */
  async deleteDeclaredQueues(): Promise<void> {
    await Promise.all([...this.#workers].map((worker) => worker.stop()));
    for (const name of this.#declared) await this.#publisher.deleteQueue(name).catch(() => {});
    this.#declared.clear();
  }

  async close(): Promise<void> {
    await Promise.all([...this.#workers].map((worker) => worker.stop()));
    await this.#publisher.close().catch(() => {});
    await this.#connection.close().catch(() => {});
  }

  async #handle<T>(
    queue: string,
    message: ConsumeMessage,
    channel: Channel,
    handler: (job: Job<T>) => Promise<void>,
    backoff: (attempt: number) => number,
  ) {
    const envelope = JSON.parse(message.content.toString('utf8')) as Envelope;
    const attempt = envelope.attempt + 1;
    try {
      await handler({ id: envelope.id, queue, payload: envelope.payload as T, attempt, maxAttempts: envelope.maxAttempts });
    } catch (error) {
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const next = { ...envelope, attempt, error: text };
      if (error instanceof PermanentJobError || attempt >= envelope.maxAttempts) {
        await this.#publish(await this.#declareDeadQueue(queue), { ...next, failedAt: new Date().toISOString() });
      } else {
        await this.#send(queue, next, backoff(attempt));
      }
    }
    channel.ack(message);
  }

  async #send(queue: string, envelope: Envelope, delayMs: number) {
    const workQueue = await this.#declareWorkQueue(queue);
    if (delayMs <= 0) return this.#publish(workQueue, envelope);
    const delayQueue = `${workQueue}.delay.${Math.round(delayMs)}`;
    if (!this.#declared.has(delayQueue)) {
      await this.#publisher.assertQueue(delayQueue, {
        durable: true,
        arguments: {
          'x-message-ttl': Math.round(delayMs),
          'x-dead-letter-exchange': '',
          'x-dead-letter-routing-key': workQueue,
          // an idle delay queue removes itself
          'x-expires': Math.round(delayMs) + 60_000,
        },
      });
      this.#declared.add(delayQueue);
    }
    return this.#publish(delayQueue, envelope);
  }

  #publish(queue: string, envelope: Envelope): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#publisher.sendToQueue(
        queue,
        Buffer.from(JSON.stringify(envelope)),
        { persistent: true, messageId: envelope.id, contentType: 'application/json' },
        (error) => (error ? reject(error) : resolve()),
      );
    });
  }

  #name(queue: string) {
    return `${this.#prefix}.${queue}`;
  }

  async #declareWorkQueue(queue: string): Promise<string> {
    const name = this.#name(queue);
    if (!this.#declared.has(name)) {
      await this.#publisher.assertQueue(name, { durable: true });
      this.#declared.add(name);
    }
    return name;
  }

  async #declareDeadQueue(queue: string): Promise<string> {
    const name = `${this.#name(queue)}.dead`;
    if (!this.#declared.has(name)) {
      await this.#publisher.assertQueue(name, { durable: true });
      this.#declared.add(name);
    }
    return name;
  }
}

export async function connectRabbitJobQueue(options: { url: string; prefix?: string }): Promise<RabbitJobQueue> {
  const connection = await connect(options.url);
  const publisher = await connection.createConfirmChannel();
  return new RabbitJobQueue(connection, publisher, options.prefix ?? 'strata');
}
