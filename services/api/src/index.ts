import { Router } from 'express';
import { mastodonBody } from '@strata/http';
import { mediaRoutes } from '@strata/media';
import { resolveCaller } from './auth/authentication.ts';
import { accountRoutes } from './http/accounts.routes.ts';
import { throttleByAccount, throttleByAddress } from './http/api-throttle.ts';
import { appRoutes } from './http/apps.routes.ts';
import type { ApiDeps } from './http/deps.ts';
import { instanceRoutes } from './http/instance.routes.ts';
import { instanceExtraRoutes } from './instance/instance-extras.routes.ts';
import { discoveryRoutes } from './accounts/extras/discovery.routes.ts';
import { endorsementRoutes } from './accounts/extras/endorsements.routes.ts';
import { suggestionRoutes } from './accounts/extras/suggestions.routes.ts';
import { profileImageRoutes } from './accounts/extras/profile-images.routes.ts';
import { featuredTagRoutes } from './accounts/extras/featured-tags.routes.ts';
import { preferenceRoutes } from './http/preferences.routes.ts';
import { staticRoutes } from './http/static.routes.ts';
import { uploadRoutes } from './http/upload-routes.ts';
import { authorizeRoutes } from './oauth/authorize.routes.ts';
import { createApiOAuthServer, oauthRoutes } from './oauth/oauth.routes.ts';
import { signInRoutes } from './web/sign-in.routes.ts';
import { deleteAccountRoutes } from './web/delete-account.routes.ts';
import { hiddenAccountMedia } from './http/account-media.routes.ts';
import { groupedNotificationRoutes } from './notifications/grouped-notifications.routes.ts';
import { notificationRoutes } from './notifications/notifications.routes.ts';
import { accountListRoutes } from './relationships/account-lists.routes.ts';
import { relationshipRoutes } from './relationships/relationships.routes.ts';
import { searchRoutes } from './search/search.routes.ts';
import { tagRoutes } from './search/tags.routes.ts';
import { contextRoutes } from './statuses/context.routes.ts';
import { statusActionRoutes } from './statuses/status-actions.routes.ts';
import { statusRoutes } from './statuses/statuses.routes.ts';
import { listRoutes } from './timelines/lists.routes.ts';
import { mediaApiRoutes } from './media/media.routes.ts';
import { timelineRoutes } from './timelines/timelines.routes.ts';
import { filterRoutes } from './filters/filters.routes.ts';
import { filterPartRoutes } from './filters/filter-parts.routes.ts';
import { filterV1Routes } from './filters/filters-v1.routes.ts';
import { conversationRoutes } from './conversations/conversations.routes.ts';
import { reportRoutes } from './moderation/reports.routes.ts';
import { domainBlockRoutes } from './moderation/domain-blocks.routes.ts';
import { adminReportRoutes } from './admin/admin-reports.routes.ts';
import { adminAccountListRoutes } from './admin/admin-accounts.routes.ts';
import { adminAccountRoutes } from './admin/admin-account-actions.routes.ts';
import { pushSubscriptionRoutes } from './push/push-subscription.routes.ts';
import { notificationPolicyRoutes } from './notifications/notification-policy.routes.ts';
import { notificationRequestRoutes } from './notifications/notification-requests.routes.ts';

export type { ApiDeps } from './http/deps.ts';
export { memoryRateLimits, redisRateLimits } from './http/rate-limits.ts';

/** The Mastodon client API and the OAuth server, mounted by the gateway (embedded) or by main.ts (distributed). */
export function createApiRouter(deps: ApiDeps): Router {
  const router = Router();
  const oauth = createApiOAuthServer(deps);
  router.use(staticRoutes());
  router.use(hiddenAccountMedia(deps));
  router.use(mediaRoutes(deps.media));
  // throttles and the token first: a refused request costs no body parsing
  router.use('/api', throttleByAddress(deps.rateLimits));
  router.use(['/api', '/oauth/userinfo'], resolveCaller(deps.vault));
  router.use('/api', throttleByAccount(deps.rateLimits));
  // uploads parse their own bodies, after authentication and with the media limits
  router.use(mediaApiRoutes(deps));
  router.use(mastodonBody(Object.values(uploadRoutes)));
  router.use(instanceRoutes(deps));
  router.use(instanceExtraRoutes(deps));
  router.use(appRoutes(deps));
  // relationship routes first: /accounts/relationships must not be taken for /accounts/:id
  router.use(discoveryRoutes(deps));
  router.use(endorsementRoutes(deps));
  router.use(suggestionRoutes(deps));
  router.use(profileImageRoutes(deps));
  router.use(featuredTagRoutes(deps));
  router.use(relationshipRoutes(deps));
  router.use(accountListRoutes(deps));
  router.use(accountRoutes(deps));
  router.use(statusRoutes(deps));
  router.use(statusActionRoutes(deps));
  router.use(contextRoutes(deps));
  router.use(timelineRoutes(deps));
  router.use(listRoutes(deps));
  // keyword and status routes first: /filters/keywords/:id must not be taken for /filters/:id/…
  router.use(filterPartRoutes(deps));
  router.use(filterRoutes(deps));
  router.use(filterV1Routes(deps));
  router.use(conversationRoutes(deps));
  // policy and requests first: /notifications/requests must not be taken for /notifications/:id
  router.use(notificationPolicyRoutes(deps));
  router.use(notificationRequestRoutes(deps));
  router.use(notificationRoutes(deps));
  router.use(groupedNotificationRoutes(deps));
  router.use(tagRoutes(deps));
  router.use(searchRoutes(deps));
  router.use(preferenceRoutes(deps));
  router.use(reportRoutes(deps));
  router.use(domainBlockRoutes(deps));
  router.use(adminReportRoutes(deps));
  router.use(adminAccountListRoutes(deps));
  router.use(adminAccountRoutes(deps));
  router.use(pushSubscriptionRoutes(deps));
  router.use(oauthRoutes(deps, oauth));
  router.use(authorizeRoutes(deps, oauth));
  router.use(signInRoutes(deps));
  router.use(deleteAccountRoutes(deps));
  return router;
}
export { composeApi } from './compose.ts';
