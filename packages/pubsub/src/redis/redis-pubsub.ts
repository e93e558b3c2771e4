import { Redis } from 'ioredis';
import type { MessageHandler, PubSub } from '../port.ts';

/**
 * Pub/sub across processes on Redis. A subscribed Redis connection cannot publish, so
 * there are two; each channel is subscribed once however many local handlers it has.
 */
export class RedisPubSub implements PubSub {
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #prefix: string;
  readonly #handlers = new Map<string, Set<MessageHandler>>();

  constructor(publisher: Redis, subscriber: Redis, prefix: string) {
    this.#publisher = publisher;
    this.#subscriber = subscriber;
    this.#prefix = prefix;
    this.#subscriber.on('message', (channel: string, message: string) => {
      const name = channel.slice(this.#prefix.length);
      for (const handler of this.#handlers.get(name) ?? []) {
        try {
          handler(message, name);
        } catch {
          // one subscriber's failure never reaches the others
        }
      }
    });
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.#publisher.publish(this.#prefix + channel, message);
  }

  async subscribe(channel: string, handler: MessageHandler): Promise<() => Promise<void>> {
    let handlers = this.#handlers.get(channel);
    if (!handlers) {
      this.#handlers.set(channel, (handlers = new Set()));
      await this.#subscriber.subscribe(this.#prefix + channel);
    }
    const own: MessageHandler = (message, name) => handler(message, name);
    handlers.add(own);
    return async () => {
      handlers.delete(own);
      if (handlers.size === 0 && this.#handlers.get(channel) === handlers) {
        this.#handlers.delete(channel);
        await this.#subscriber.unsubscribe(this.#prefix + channel);
      }
    };
  }

  async close(): Promise<void> {
    this.#handlers.clear();
    await Promise.allSettled([this.#publisher.quit(), this.#subscriber.quit()]);
  }
}

export async function connectRedisPubSub(options: { url: string; keyPrefix?: string }): Promise<RedisPubSub> {
  // autoResubscribe (the default) restores our channels after a reconnect
  const connect = async () => {
    const redis = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 3, autoResubscribe: true });
    await redis.connect();
    return redis;
  };
  const [publisher, subscriber] = await Promise.all([connect(), connect()]);
  return new RedisPubSub(publisher, subscriber, options.keyPrefix ?? 'strata:');
}
