import { Router } from 'express';
import { mastodonBody } from '@strata/http';
import { mediaRoutes } from '@strata/media';
import { resolveCaller } from './auth/authentication.ts';
import { accountRoutes } from './http/accounts.routes.ts';
import { appRoutes } from './http/apps.routes.ts';
import type { ApiDeps } from './http/deps.ts';
import { instanceRoutes } from './http/instance.routes.ts';
import { preferenceRoutes } from './http/preferences.routes.ts';
import { staticRoutes } from './http/static.routes.ts';
import { authorizeRoutes } from './oauth/authorize.routes.ts';
import { createApiOAuthServer, oauthRoutes } from './oauth/oauth.routes.ts';
import { signInRoutes } from './web/sign-in.routes.ts';

export type { ApiDeps } from './http/deps.ts';
export { memoryRateLimits, redisRateLimits } from './http/rate-limits.ts';

/** The Mastodon client API and the OAuth server, mounted by the gateway (embedded) or by main.ts (distributed). */
export function createApiRouter(deps: ApiDeps): Router {
  const router = Router();
  const oauth = createApiOAuthServer(deps);
  router.use(staticRoutes());
  router.use(mediaRoutes(deps.media));
  router.use(mastodonBody());
  router.use(['/api', '/oauth/userinfo'], resolveCaller(deps.vault));
  router.use(instanceRoutes(deps));
  router.use(appRoutes(deps));
  router.use(accountRoutes(deps));
  router.use(preferenceRoutes(deps));
  router.use(oauthRoutes(deps, oauth));
  router.use(authorizeRoutes(deps, oauth));
  router.use(signInRoutes(deps));
  return router;
}
export { composeApi } from './compose.ts';
