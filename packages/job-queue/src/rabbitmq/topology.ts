import type { ChannelModel, ConfirmChannel, Options } from 'amqplib';

/** How long an unused delay queue lives on after the delay it holds; redeclaring resets the clock. */
const delayQueueGraceMs = 60_000;

/**
 * The broker side of the job queue: queue names under one prefix, their declaration,
 * and publishing with publisher confirms on one lazily (re)opened confirm channel.
 *
 * - `<prefix>.<queue>`: the work queue, durable.
 * - `<prefix>.<queue>.delay.<ms>`: one queue per delay, whose TTL dead-letters each
 *   message back into the work queue; all messages in it share the TTL, so they expire
 *   in order and a waiting retry never sits in front of runnable jobs.
 * - `<prefix>.<queue>.dead`: jobs that failed for good.
 */
export class RabbitTopology {
  readonly #connection: ChannelModel;
  readonly #prefix: string;
  readonly #declared = new Set<string>();
  /** The job queues (by their own names) this process has used, for `depths`. */
  readonly #queues = new Set<string>();
  /** The delay queues this process has sent to, by job queue: their jobs wait too. */
  readonly #delayQueues = new Map<string, Set<string>>();
  #publisher: Promise<ConfirmChannel> | undefined;

  constructor(connection: ChannelModel, prefix: string) {
    this.#connection = connection;
    this.#prefix = prefix;
  }

  async workQueue(queue: string): Promise<string> {
    this.#queues.add(queue);
    return this.#declareOnce(`${this.#prefix}.${queue}`, { durable: true });
  }

  async deadQueue(queue: string): Promise<string> {
    this.#queues.add(queue);
    return this.#declareOnce(`${this.#prefix}.${queue}.dead`, { durable: true });
  }

  /** Declared on every use, not once: a delay queue left idle expires, and a message sent to a missing queue is lost. */
  async delayQueue(queue: string, delayMs: number): Promise<string> {
    const workQueue = await this.workQueue(queue);
    const ms = Math.max(1, Math.round(delayMs));
    const name = `${workQueue}.delay.${ms}`;
    const channel = await this.#channel();
    await channel.assertQueue(name, {
      durable: true,
      arguments: {
        'x-message-ttl': ms,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': workQueue,
        'x-expires': ms + delayQueueGraceMs,
      },
    });
    this.#declared.add(name);
    this.#delayQueues.set(queue, (this.#delayQueues.get(queue) ?? new Set()).add(name));
    return name;
  }

  /** Resolves once the broker has confirmed the message is stored (persistent, durable queue). */
  async publish(queue: string, content: Buffer, options: Options.Publish): Promise<void> {
    const channel = await this.#channel();
    await new Promise<void>((resolve, reject) => {
      channel.sendToQueue(queue, content, options, (error) => (error ? reject(error) : resolve()));
    });
  }

  /**
   * Messages in each used queue's work and dead-letter queues (declared if need be, so both
   * exist to be counted); waiting includes the delayed jobs and retries in its delay queues.
   */
  async depths(): Promise<{ queue: string; waiting: number; deadLetters: number }[]> {
    const depths = [];
    for (const queue of [...this.#queues].sort()) {
      const [work, dead] = [await this.workQueue(queue), await this.deadQueue(queue)];
      const channel = await this.#channel();
      let waiting = (await channel.checkQueue(work)).messageCount;
      for (const delay of this.#delayQueues.get(queue) ?? []) waiting += await this.#countDelayed(queue, delay);
      depths.push({ queue, waiting, deadLetters: (await channel.checkQueue(dead)).messageCount });
    }
    return depths;
  }

  /** A delay queue may have expired while idle: checking a missing queue closes the channel, so it is checked on one of its own. */
  async #countDelayed(queue: string, name: string): Promise<number> {
    const probe = await this.#connection.createChannel();
    probe.on('error', () => {});
    try {
      return (await probe.checkQueue(name)).messageCount;
    } catch {
      this.#delayQueues.get(queue)?.delete(name);
      return 0;
    } finally {
      await probe.close().catch(() => {});
    }
  }

  /** Deletes every queue this instance declared (tests, decommissioning). */
  async deleteDeclared(): Promise<void> {
    const channel = await this.#channel();
    for (const name of this.#declared) await channel.deleteQueue(name).catch(() => {});
    this.#declared.clear();
  }

  async close(): Promise<void> {
    const publisher = this.#publisher;
    this.#publisher = undefined;
    if (publisher) await (await publisher.catch(() => undefined))?.close().catch(() => {});
  }

  async #declareOnce(name: string, options: Options.AssertQueue): Promise<string> {
    if (!this.#declared.has(name)) {
      await (await this.#channel()).assertQueue(name, options);
      this.#declared.add(name);
    }
    return name;
  }

  /** A channel closed by a broker error (say, a declaration mismatch) is replaced on next use. */
  #channel(): Promise<ConfirmChannel> {
    if (!this.#publisher) {
      const opening = this.#connection.createConfirmChannel().then((channel) => {
        channel.on('error', () => {}); // 'close' follows, and the failed call has already rejected
        channel.on('close', () => {
          if (this.#publisher === opening) this.#publisher = undefined;
        });
        return channel;
      });
      opening.catch(() => {
        if (this.#publisher === opening) this.#publisher = undefined;
      });
      this.#publisher = opening;
    }
    return this.#publisher;
  }
}
