import type { IncomingMessage } from 'node:http';
import { Router } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { listen } from '@strata/http';
import { runService } from '@strata/runtime';
import { accountsCollection } from '@strata/views';
import { createGatewayApp } from './app.ts';

/** Paths the inbox service answers; the streaming service takes /api/v1/streaming; the API the rest. */
const FEDERATION_PATHS = ['/.well-known', '/nodeinfo', '/users', '/inbox', '/actor'];

// Distributed mode: the public entry proxies to the api, inbox and streaming processes.
await runService('gateway', async ({ config, logger, engines }) => {
  const proxy = (target: string, pathFilter: string | string[] | ((path: string, req: IncomingMessage) => boolean), ws = false) =>
    createProxyMiddleware({
      target,
      pathFilter,
      ws,
      xfwd: true,
      on: {
        error(error, _req, res) {
          logger.warn({ err: error, target }, 'upstream unreachable');
          if ('writeHead' in res && !res.headersSent) {
            res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Bad gateway' }));
          } else if ('destroy' in res) res.destroy();
        },
      },
    });
  // mounted at the root with path filters, so each upstream sees the full original path
  const streaming = proxy(config.upstreams.streaming, '/api/v1/streaming', true);
  const routes = Router();
  routes.use(streaming);
  routes.use(proxy(config.upstreams.inbox, FEDERATION_PATHS));
  // a profile URL asked for as ActivityPub is the actor: the inbox service answers it
  routes.use(proxy(config.upstreams.inbox, (path, req) => path.startsWith('/@') && /activity\+json|ld\+json/.test(req.headers.accept ?? '')));
  routes.use(proxy(config.upstreams.api, () => true));

  const app = createGatewayApp({
    logger,
    routers: [routes],
    health: { readModels: async () => void (await accountsCollection(await engines.readModels()).count()) },
  });
  const http = await listen(app, config.http.port, config.http.host);
  http.server.on('upgrade', streaming.upgrade);
  return http;
});
