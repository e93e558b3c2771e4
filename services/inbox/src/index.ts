import { Router } from 'express';
import type { StrataConfig } from '@strata/config';
import type { Clock } from '@strata/kernel';
import type { ReadModelStore } from '@strata/read-models';
import { nodeInfoRoutes } from './nodeinfo/nodeinfo.routes.ts';

export interface InboxDeps {
  config: StrataConfig;
  clock: Clock;
  readModels(): Promise<ReadModelStore>;
}

/** The federation side: discovery documents now, ActivityPub actors and inboxes as they land. */
export function createInboxRouter(deps: InboxDeps): Router {
  const router = Router();
  router.use(nodeInfoRoutes(deps));
  return router;
}
