import type { JsonWebKey } from 'node:crypto';
import type { MessageQueue, MessageQueueEnqueueOptions, MessageQueueListenOptions } from '@fedify/fedify';

/** Finds an actor's private key (as JWK) by its key id, from the vault. */
export type PrivateKeyResolver = (keyId: string) => Promise<JsonWebKey | null>;

type WithKeys = { keys: readonly { keyId: string; privateKey?: JsonWebKey }[] };

/**
 * Fedify puts the sender's private keys (as JWK) into its outbox and fan-out messages.
 * Private keys live only in the vault: this queue keeps the key ids alone in the
 * message and looks the keys up again when the message is taken.
 */
export class KeylessMessageQueue implements MessageQueue {
  readonly #inner: MessageQueue;
  readonly #resolve: PrivateKeyResolver;

  constructor(inner: MessageQueue, resolve: PrivateKeyResolver) {
    this.#inner = inner;
    this.#resolve = resolve;
  }

  get nativeRetrial() {
    return this.#inner.nativeRetrial ?? false;
  }

  enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    return this.#inner.enqueue(withoutKeys(message), options);
  }

  async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    const stripped = messages.map(withoutKeys);
    if (this.#inner.enqueueMany) return this.#inner.enqueueMany(stripped, options);
    for (const message of stripped) await this.#inner.enqueue(message, options);
  }

  listen(handler: (message: unknown) => Promise<void> | void, options?: MessageQueueListenOptions): Promise<void> {
    return this.#inner.listen(async (message) => handler(await this.#withKeys(message)), options);
  }

  async #withKeys(message: unknown): Promise<unknown> {
    if (!hasKeys(message)) return message;
    const keys = [];
    for (const { keyId } of message.keys) {
      const privateKey = await this.#resolve(keyId);
      // a key that is gone (its account erased) cannot sign any more: the rest still can
      if (privateKey) keys.push({ keyId, privateKey });
    }
    if (keys.length === 0) throw new Error(`no private key left for ${message.keys.map((key) => key.keyId).join(', ')}`);
    return { ...message, keys };
  }
}

function hasKeys(message: unknown): message is WithKeys {
  return typeof message === 'object' && message !== null && Array.isArray((message as Partial<WithKeys>).keys);
}

function withoutKeys(message: unknown): unknown {
  return hasKeys(message) ? { ...message, keys: message.keys.map(({ keyId }) => ({ keyId })) } : message;
}
