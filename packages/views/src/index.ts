import { accountsProjection } from './accounts/accounts.view.ts';
import { instanceSettingsProjection } from './instance/instance-settings.view.ts';
import { relationshipsProjection } from './relationships/relationships.projection.ts';
import { notificationsProjection } from './notifications/notifications.projection.ts';
import { homeTimelineProjection } from './timelines/home-timeline.projection.ts';
import { reactionsProjection } from './statuses/reactions.projection.ts';
import { statusesProjection } from './statuses/statuses.projection.ts';
import { tagFollowsProjection } from './statuses/tags.ts';
import { listsProjection } from './timelines/lists.ts';
import { filtersProjection } from './filters/filters.projection.ts';
import { conversationsProjection } from './conversations/conversations.projection.ts';
import { mediaProjection } from './media/media.projection.ts';
import { accountMarksProjection } from './account-marks/account-marks.projection.ts';
import { featuredTagsProjection } from './account-marks/featured-tags.projection.ts';
import { reportsProjection } from './moderation/reports.projection.ts';
import { userDomainBlocksProjection } from './moderation/domain-blocks.projection.ts';
import { instanceRulesProjection } from './moderation/instance-rules.projection.ts';
import { signUpBlocksProjection } from './moderation/sign-up-blocks.projection.ts';
import { adminMetricsProjection } from './admin/admin-metrics.projection.ts';
import { pollsProjection } from './polls/polls.projection.ts';
import { scheduledStatusesProjection } from './scheduled/scheduled-statuses.projection.ts';
import { quotesProjection } from './quotes/quotes.projection.ts';
import { pushSubscriptionsProjection } from './push/push-subscriptions.projection.ts';
import { notificationPolicyProjection } from './notification-policy/notification-policy.projection.ts';
import { trendsProjection } from './trends/trends.projection.ts';
import { announcementsProjection } from './announcements/announcements.projection.ts';
import { customEmojisProjection } from './custom-emojis/custom-emojis.projection.ts';
import { instanceDomainPolicyProjection } from './moderation/instance-domain-policy.projection.ts';
import { previewCardsProjection } from './statuses/preview-cards.projection.ts';
import { asyncRefreshesProjection } from './async-refreshes/async-refreshes.projection.ts';
import { annualReportsProjection } from './annual-reports/annual-reports.projection.ts';
import type { Projection } from './projection/projection.ts';

export * from './projection/projection.ts';
export * from './projection/progress.ts';
export * from './projection/batch-memo.ts';
export * from './visibility/relations-cache.ts';
export * from './accounts/accounts.view.ts';
export * from './accounts/hidden-accounts.ts';
export * from './instance/instance-stats.ts';
export * from './instance/instance-activity.ts';
export * from './instance/instance-settings.view.ts';

/** Every projection the projector runs, in the order it applies them to one event. */
export const allProjections: readonly Projection[] = [
  accountsProjection,
  instanceSettingsProjection,
  // the two writers of what a status reaches run first: they judge redelivery and purge by the documents the next ones change
  homeTimelineProjection,
  notificationsProjection,
  relationshipsProjection,
  statusesProjection,
  reactionsProjection,
  tagFollowsProjection,
  listsProjection,
  mediaProjection,
  filtersProjection,
  conversationsProjection,
  accountMarksProjection,
  featuredTagsProjection,
  reportsProjection,
  userDomainBlocksProjection,
  instanceRulesProjection,
  signUpBlocksProjection,
  adminMetricsProjection,
  pollsProjection,
  scheduledStatusesProjection,
  quotesProjection,
  pushSubscriptionsProjection,
  notificationPolicyProjection,
  trendsProjection,
  announcementsProjection,
  instanceDomainPolicyProjection,
  previewCardsProjection,
  customEmojisProjection,
  asyncRefreshesProjection,
  annualReportsProjection,
];
export * from './statuses/statuses.collection.ts';
export * from './statuses/statuses.projection.ts';
export * from './statuses/tags.ts';
export * from './statuses/status-tags.ts';
export * from './relationships/relationships.collection.ts';
export * from './timelines/home-feed.ts';
export * from './timelines/home-timeline.projection.ts';
export * from './notifications/notifications.ts';
export * from './notifications/notifications.projection.ts';
export * from './timelines/lists.ts';
export * from './visibility/visibility-policy.ts';
export * from './visibility/viewer-relations.ts';
export * from './accounts/remote-accounts.ts';
export * from './media/media.collection.ts';
export * from './media/media.projection.ts';
export * from './filters/filters.collection.ts';
export * from './filters/filter-match.ts';
export * from './conversations/conversations.projection.ts';
export * from './account-marks/account-marks.projection.ts';
export * from './account-marks/follow-suggestions.ts';
export * from './account-marks/featured-tags.projection.ts';
export * from './moderation/reports.projection.ts';
export * from './moderation/domain-blocks.projection.ts';
export * from './moderation/instance-rules.projection.ts';
export * from './moderation/sign-up-blocks.projection.ts';
export * from './admin/admin-metrics.projection.ts';
export * from './admin/admin-metrics.ts';
export * from './polls/polls.collection.ts';
export * from './polls/polls.projection.ts';
export * from './scheduled/scheduled-statuses.projection.ts';
export * from './quotes/quotes.projection.ts';
export * from './push/push-subscriptions.projection.ts';
export * from './notification-policy/notification-policy.projection.ts';
export * from './notification-policy/notification-outcomes.ts';
export * from './trends/trend-scores.ts';
export * from './trends/trends.projection.ts';
export * from './announcements/announcements.projection.ts';
export * from './moderation/instance-domain-policy.projection.ts';
export * from './moderation/instance-domain-policy.ts';
export * from './statuses/preview-cards.projection.ts';
export * from './custom-emojis/custom-emojis.projection.ts';
export * from './projection/kept-collections.ts';
export * from './async-refreshes/async-refreshes.projection.ts';
export * from './annual-reports/annual-reports.projection.ts';
export * from './annual-reports/annual-report-data.ts';
