import type { MessageHandler, PubSub } from '../port.ts';

/** In-process pub/sub for the embedded mode. Handlers run on a later tick, each isolated from the others' failures. */
export class MemoryPubSub implements PubSub {
  readonly #handlers = new Map<string, Set<MessageHandler>>();

  async publish(channel: string, message: string): Promise<void> {
    for (const handler of this.#handlers.get(channel) ?? []) {
      queueMicrotask(() => {
        try {
          handler(message, channel);
        } catch {
          // a subscriber's failure is its own; the publisher and other subscribers go on
        }
      });
    }
  }

  async subscribe(channel: string, handler: MessageHandler): Promise<() => Promise<void>> {
    let handlers = this.#handlers.get(channel);
    if (!handlers) this.#handlers.set(channel, (handlers = new Set()));
    // wrap so that the same function subscribed twice is two subscriptions
    const own: MessageHandler = (message, name) => handler(message, name);
    handlers.add(own);
    return async () => {
      handlers.delete(own);
      if (handlers.size === 0) this.#handlers.delete(channel);
    };
  }

  async close(): Promise<void> {
    this.#handlers.clear();
  }
}

export function createMemoryPubSub(): MemoryPubSub {
  return new MemoryPubSub();
}
