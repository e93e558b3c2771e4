import { Redis } from 'ioredis';
import { deliver } from '../deliver.ts';
import type { MessageHandler, PubSub } from '../port.ts';
import { PubSubUnavailableError } from '../errors.ts';

export interface RedisPubSubOptions {
  url: string;
  /** Put before every channel name, so several instances (or parallel tests) share one Redis. */
  keyPrefix?: string;
}

interface ChannelSubscription {
  handlers: Set<MessageHandler>;
  /** The one Redis SUBSCRIBE for this channel; later local subscribers wait on it too. */
  active: Promise<unknown>;
}

/**
 * Pub/sub across processes on Redis. A subscribed Redis connection cannot publish, so
 * there are two; each channel is subscribed once however many local handlers it has,
 * and unsubscribed when the last one leaves. After a dropped connection ioredis
 * re-subscribes our channels itself (`autoResubscribe`, covered by the spec).
 */
export class RedisPubSub implements PubSub {
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #prefix: string;
  readonly #channels = new Map<string, ChannelSubscription>();

  constructor(publisher: Redis, subscriber: Redis, prefix: string) {
    this.#publisher = publisher;
    this.#subscriber = subscriber;
    this.#prefix = prefix;
    this.#subscriber.on('message', (channel: string, message: string) => this.#dispatch(channel, message));
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.#publisher.publish(this.#prefix + channel, message);
  }

  async subscribe(channel: string, handler: MessageHandler): Promise<() => Promise<void>> {
    let subscription = this.#channels.get(channel);
    if (!subscription) {
      subscription = { handlers: new Set(), active: this.#subscriber.subscribe(this.#prefix + channel) };
      this.#channels.set(channel, subscription);
    }
    // wrapped, so that one function subscribed twice is two subscriptions
    const own: MessageHandler = (message, name) => handler(message, name);
    subscription.handlers.add(own);
    const leave = async () => {
      subscription.handlers.delete(own);
      if (subscription.handlers.size > 0 || this.#channels.get(channel) !== subscription) return;
      this.#channels.delete(channel);
      // commands on one connection run in order, so a SUBSCRIBE sent after this one wins
      await this.#subscriber.unsubscribe(this.#prefix + channel);
    };
    try {
      await subscription.active;
    } catch (error) {
      await leave().catch(() => {});
      throw error;
    }
    return leave;
  }

  async close(): Promise<void> {
    this.#channels.clear();
    await Promise.allSettled([this.#publisher.quit(), this.#subscriber.quit()]);
  }

  #dispatch(prefixed: string, message: string) {
    if (!prefixed.startsWith(this.#prefix)) return;
    const channel = prefixed.slice(this.#prefix.length);
    const subscription = this.#channels.get(channel);
    if (subscription) deliver(subscription.handlers, message, channel);
  }
}

export async function connectRedisPubSub(options: RedisPubSubOptions): Promise<RedisPubSub> {
  const prefix = options.keyPrefix ?? 'strata:';
  const connections = await Promise.allSettled([
    connectRedis(options.url, `${prefix}pubsub-publisher`),
    connectRedis(options.url, `${prefix}pubsub-subscriber`),
  ]);
  const [publisher, subscriber] = connections.map((c) => (c.status === 'fulfilled' ? c.value : undefined));
  if (!publisher || !subscriber) {
    publisher?.disconnect();
    subscriber?.disconnect();
    throw connections.find((c) => c.status === 'rejected')?.reason;
  }
  return new RedisPubSub(publisher, subscriber, prefix);
}

async function connectRedis(url: string, role: string): Promise<Redis> {
  let lastError: Error | undefined;
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 3,
    autoResubscribe: true,
    // names the connection in CLIENT LIST (ops, and the reconnect test)
    connectionName: role.replace(/\s/g, '_'),
  });
  // ioredis reconnects by itself; without a listener it would print every failure
  redis.on('error', (error: Error) => (lastError = error));
  try {
    await redis.connect();
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new PubSubUnavailableError('Redis', url, lastError ?? error);
  }
}
