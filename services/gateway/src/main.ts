import { listen } from '@strata/http';
import { createMediaStorage } from '@strata/media';
import { systemClock } from '@strata/kernel';
import { runService, serviceOps } from '@strata/runtime';
import { streamingUpgradeListener } from '@strata/streaming';
import { accountsCollection } from '@strata/views';
import { createWebRouter } from '@strata/web';
import { createGatewayApp } from './app.ts';
import { upstreamProxies } from './proxies.ts';

// Distributed mode: the public entry proxies to the api, inbox and streaming processes,
// and serves the public pages and the web app itself, as the embedded composition does.
await runService('gateway', async ({ config, logger, engines }) => {
  const web = createWebRouter({ config, media: createMediaStorage(config), readModels: engines.readModels, clock: systemClock });
  const proxies = upstreamProxies(config.upstreams, logger, [web]);
  const app = createGatewayApp({
    logger,
    ops: serviceOps('gateway', engines, config),
    routers: [proxies.router],
    health: { readModels: async () => void (await accountsCollection(await engines.readModels()).count()) },
  });
  const http = await listen(app, config.http.port, config.http.host);
  http.server.on('upgrade', streamingUpgradeListener(proxies.upgrade));
  return http;
});
