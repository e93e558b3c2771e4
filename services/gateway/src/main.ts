import { type Request, Router } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { listen } from '@strata/http';
import { runService } from '@strata/runtime';
import { accountsCollection } from '@strata/views';
import { createGatewayApp } from './app.ts';

/** Paths the inbox service answers; the streaming service takes /api/v1/streaming; the API the rest. */
const FEDERATION_PATHS = ['/.well-known', '/nodeinfo', '/users', '/inbox', '/actor'];

// Distributed mode: the public entry proxies to the api, inbox and streaming processes.
await runService('gateway', async ({ config, logger, engines }) => {
  const proxy = (target: string, pathFilter: string | string[] | (() => boolean), ws = false) =>
    createProxyMiddleware({
      target,
      pathFilter,
      ws,
      xfwd: true,
      on: {
        // the services behind trust this one hop: they see the client's address as the gateway
        // worked it out, never an X-Forwarded-For the client wrote itself (that would dodge per-address limits)
        proxyReq(proxyReq, req) {
          proxyReq.setHeader('x-forwarded-for', (req as Request).ip ?? req.socket.remoteAddress ?? '');
        },
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
