import type { Closeable } from '@strata/kernel';

export type MessageHandler = (message: string, channel: string) => void;

/**
 * Fire-and-forget fan-out between processes: the projector publishes after it has
 * projected, streaming processes subscribe. Nothing is stored; a subscriber that is
 * not connected misses the message.
 */
export interface PubSub extends Closeable {
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once the subscription is active; the returned function ends it. */
  subscribe(channel: string, handler: MessageHandler): Promise<() => Promise<void>>;
}
