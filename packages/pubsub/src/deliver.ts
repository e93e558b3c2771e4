import type { MessageHandler } from './port.ts';

/** Calls every handler, isolating each one's failure (thrown or rejected) from the others and the publisher. */
export function deliver(handlers: Iterable<MessageHandler>, message: string, channel: string): void {
  for (const handler of handlers) {
    try {
      // a handler typed as void may still be async; its rejection is its own too
      const result: unknown = handler(message, channel);
      if (result instanceof Promise) result.catch(() => {});
    } catch {
      // one subscriber's failure never reaches the others
    }
  }
}
