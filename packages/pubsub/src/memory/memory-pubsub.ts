import { deliver } from '../deliver.ts';
import type { MessageHandler, PubSub } from '../port.ts';

/** In-process pub/sub for the embedded mode. Handlers run on a later tick, each isolated from the others' failures. */
export class MemoryPubSub implements PubSub {
  readonly #handlers = new Map<string, Set<MessageHandler>>();

  async publish(channel: string, message: string): Promise<void> {
    const handlers = this.#handlers.get(channel);
    if (!handlers) return;
    // a snapshot: who was subscribed when it was published; microtasks keep publish order
    const recipients = [...handlers];
    queueMicrotask(() => deliver(recipients, message, channel));
  }

  async subscribe(channel: string, handler: MessageHandler): Promise<() => Promise<void>> {
    let handlers = this.#handlers.get(channel);
    if (!handlers) this.#handlers.set(channel, (handlers = new Set()));
    // wrapped, so that one function subscribed twice is two subscriptions
    const own: MessageHandler = (message, name) => handler(message, name);
    handlers.add(own);
    return async () => {
      handlers.delete(own);
      if (handlers.size === 0 && this.#handlers.get(channel) === handlers) this.#handlers.delete(channel);
    };
  }

  async close(): Promise<void> {
    this.#handlers.clear();
  }
}

export function createMemoryPubSub(): MemoryPubSub {
  return new MemoryPubSub();
}
