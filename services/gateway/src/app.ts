import express, { type Router } from 'express';
import { mastodonErrorHandler, notFoundHandler, parseQueryOnce } from '@strata/http';
import type { Logger } from '@strata/logging';
import type { ServiceOps } from '@strata/runtime';
import { CORS_PATHS, mastodonCors } from './cors.ts';
import { type HealthCheck, healthRoutes } from './health.ts';
import { requestContext } from './request-context.ts';
import { requestLog } from './request-log.ts';

export interface GatewayOptions {
  logger: Logger;
  /** Routers of the services behind the gateway, in order (in-process or proxies). */
  routers: Router[];
  health: Record<string, HealthCheck>;
  /** Request timing and the /metrics and /health/* routes of this process. */
  ops?: ServiceOps;
}

/** The one public entry: ids, logs, CORS, health, then the services; errors shaped like Mastodon's. */
export function createGatewayApp(options: GatewayOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // clients send arrays as `id[]=1&id[]=2`: the qs parser reads them as arrays
  app.set('query parser', 'extended');
  app.set('trust proxy', 'loopback');
  app.use(requestContext);
  app.use(parseQueryOnce);
  if (options.ops) app.use(options.ops.timing);
  app.use(requestLog(options.logger));
  app.use(CORS_PATHS, mastodonCors());
  app.use(healthRoutes(options.health));
  if (options.ops) app.use(options.ops.router);
  for (const router of options.routers) app.use(router);
  // an unknown path is a JSON 404 like an unknown API path, never Express's HTML page
  app.use(notFoundHandler);
  app.use(mastodonErrorHandler(options.logger));
  return app;
}
