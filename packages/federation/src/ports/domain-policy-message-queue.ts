import type { MessageQueue, MessageQueueEnqueueOptions, MessageQueueListenOptions } from '@fedify/fedify';

/** Whether deliveries to this host (with port) must not leave. */
export type RefusedHost = (host: string) => Promise<boolean>;

/**
 * The instance's domain policy at the outbox: Fedify puts one message per target inbox
 * on this queue, and a message for a server the instance suspended (or did not allow in
 * limited-federation mode) is dropped when it is taken, so blocks made after a post was
 * queued still hold, whichever code sent the activity.
 */
export class DomainPolicyMessageQueue implements MessageQueue {
  readonly #inner: MessageQueue;
  readonly #refused: RefusedHost;
  readonly #onDrop: (host: string) => void;

  constructor(inner: MessageQueue, refused: RefusedHost, onDrop: (host: string) => void = () => {}) {
    this.#inner = inner;
    this.#refused = refused;
    this.#onDrop = onDrop;
  }

  get nativeRetrial() {
    return this.#inner.nativeRetrial ?? false;
  }

  enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    return this.#inner.enqueue(message, options);
  }

  async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    if (this.#inner.enqueueMany) return this.#inner.enqueueMany(messages, options);
    for (const message of messages) await this.#inner.enqueue(message, options);
  }

  listen(handler: (message: unknown) => Promise<void> | void, options?: MessageQueueListenOptions): Promise<void> {
    return this.#inner.listen(async (message) => {
      const host = targetHost(message);
      if (host && (await this.#refused(host))) return this.#onDrop(host);
      return handler(message);
    }, options);
  }
}

/** The host of an outbox message's inbox (Fedify's `{ type: 'outbox', inbox }`). */
function targetHost(message: unknown): string | undefined {
  const inbox = (message as { type?: unknown; inbox?: unknown } | null)?.inbox;
  if ((message as { type?: unknown }).type !== 'outbox' || typeof inbox !== 'string') return undefined;
  try {
    return new URL(inbox).host.toLowerCase();
  } catch {
    return undefined;
  }
}
