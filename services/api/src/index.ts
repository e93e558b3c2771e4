import { Router } from 'express';
import { accountRoutes } from './http/accounts.routes.ts';
import type { ApiDeps } from './http/deps.ts';
import { instanceRoutes } from './http/instance.routes.ts';
import { staticRoutes } from './http/static.routes.ts';

export type { ApiDeps } from './http/deps.ts';

/** The Mastodon client API, mounted by the gateway (embedded) or by main.ts (distributed). */
export function createApiRouter(deps: ApiDeps): Router {
  const router = Router();
  router.use(instanceRoutes(deps));
  router.use(accountRoutes(deps));
  router.use(staticRoutes());
  return router;
}
