import { accountEvents } from './events/account.ts';
import { instanceEvents } from './events/instance.ts';
import { listEvents } from './events/list.ts';
import { notificationEvents } from './events/notification.ts';
import { relationshipEvents } from './events/relationship.ts';
import { remoteAccountEvents } from './events/remote-account.ts';
import { statusEvents } from './events/status.ts';
import { mediaEvents } from './events/media.ts';
import { reportEvents } from './events/report.ts';
import { domainBlockEvents } from './events/domain-block.ts';
import { ruleEvents } from './events/rule.ts';
import { EventRegistry } from './events/registry.ts';

export * from './events/registry.ts';
export * from './events/account.ts';
export * from './events/instance.ts';
export * from './events/status.ts';
export * from './events/relationship.ts';
export * from './events/notification.ts';
export * from './events/list.ts';
export * from './events/remote-account.ts';
export * from './events/media.ts';
export * from './events/report.ts';
export * from './events/domain-block.ts';
export * from './events/rule.ts';

/** Every event definition Strata knows, for decoding anything read from the store or log. */
export const strataEvents = new EventRegistry([...accountEvents, ...instanceEvents, ...statusEvents, ...relationshipEvents, ...notificationEvents, ...listEvents, ...remoteAccountEvents, ...mediaEvents, ...reportEvents, ...domainBlockEvents, ...ruleEvents]);
