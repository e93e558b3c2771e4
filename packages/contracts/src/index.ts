import { accountEvents } from './events/account.ts';
import { accountMarkEvents } from './events/account-marks.ts';
import { instanceEvents } from './events/instance.ts';
import { listEvents } from './events/list.ts';
import { filterEvents } from './events/filter.ts';
import { conversationEvents } from './events/conversation.ts';
import { notificationEvents } from './events/notification.ts';
import { relationshipEvents } from './events/relationship.ts';
import { remoteAccountEvents } from './events/remote-account.ts';
import { statusEvents } from './events/status.ts';
import { mediaEvents } from './events/media.ts';
import { reportEvents } from './events/report.ts';
import { domainBlockEvents } from './events/domain-block.ts';
import { ruleEvents } from './events/rule.ts';
import { instanceDomainPolicyEvents } from './events/instance-domain-policy.ts';
import { previewCardEvents } from './events/preview-card.ts';
import { EventRegistry } from './events/registry.ts';

export * from './events/registry.ts';
export * from './events/account.ts';
export * from './events/account-marks.ts';
export * from './events/instance.ts';
export * from './events/status.ts';
export * from './events/relationship.ts';
export * from './events/notification.ts';
export * from './events/list.ts';
export * from './events/filter.ts';
export * from './events/conversation.ts';
export * from './events/remote-account.ts';
export * from './events/media.ts';
export * from './events/report.ts';
export * from './events/domain-block.ts';
export * from './events/instance-domain-policy.ts';
export * from './events/preview-card.ts';
export * from './events/rule.ts';

/** Every event definition Strata knows, for decoding anything read from the store or log. */
export const strataEvents = new EventRegistry([...accountEvents, ...accountMarkEvents, ...instanceEvents, ...statusEvents, ...relationshipEvents, ...notificationEvents, ...listEvents, ...filterEvents, ...conversationEvents, ...remoteAccountEvents, ...mediaEvents, ...reportEvents, ...domainBlockEvents, ...ruleEvents, ...instanceDomainPolicyEvents, ...previewCardEvents]);
