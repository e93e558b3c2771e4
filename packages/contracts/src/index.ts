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
import { signUpBlockEvents } from './events/sign-up-block.ts';
import { pollEvents } from './events/poll.ts';
import { scheduledStatusEvents } from './events/scheduled-status.ts';
import { pushEvents } from './events/push.ts';
import { announcementEvents } from './events/announcement.ts';
import { annualReportEvents } from './events/annual-report.ts';
import { customEmojiEvents } from './events/custom-emoji.ts';
import { trendEvents } from './events/trend.ts';
import { notificationPolicyEvents } from './events/notification-policy.ts';
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
export * from './events/sign-up-block.ts';
export * from './events/poll.ts';
export * from './events/scheduled-status.ts';
export * from './events/push.ts';
export * from './events/announcement.ts';
export * from './events/annual-report.ts';
export * from './events/custom-emoji.ts';
export * from './events/trend.ts';
export * from './events/notification-policy.ts';

/** Every event definition Strata knows, for decoding anything read from the store or log. */


/** Every event definition Strata knows, for decoding anything read from the store or log. */
export const strataEvents = new EventRegistry([...accountEvents, ...accountMarkEvents, ...instanceEvents, ...statusEvents, ...relationshipEvents, ...notificationEvents, ...listEvents, ...filterEvents, ...conversationEvents, ...remoteAccountEvents, ...mediaEvents, ...reportEvents, ...domainBlockEvents, ...ruleEvents, ...signUpBlockEvents, ...pollEvents, ...scheduledStatusEvents, ...pushEvents, ...notificationPolicyEvents, ...trendEvents, ...announcementEvents, ...instanceDomainPolicyEvents, ...previewCardEvents, ...customEmojiEvents, ...annualReportEvents]);
