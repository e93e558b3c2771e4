import { accountEvents } from './events/account.ts';
import { EventRegistry } from './events/registry.ts';

export * from './events/registry.ts';
export * from './events/account.ts';

/** Every event definition Strata knows, for decoding anything read from the store or log. */
export const strataEvents = new EventRegistry([...accountEvents]);
