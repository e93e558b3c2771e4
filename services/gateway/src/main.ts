import { listen } from '@strata/http';
import { runService } from '@strata/runtime';
import { streamingUpgradeListener } from '@strata/streaming';
import { accountsCollection } from '@strata/views';
import { createGatewayApp } from './app.ts';
import { upstreamProxies } from './proxies.ts';

// Distributed mode: the public entry proxies to the api, inbox and streaming processes.
await runService('gateway', async ({ config, logger, engines }) => {
  const proxies = upstreamProxies(config.upstreams, logger);
  const app = createGatewayApp({
    logger,
    routers: [proxies.router],
    health: { readModels: async () => void (await accountsCollection(await engines.readModels()).count()) },
  });
  const http = await listen(app, config.http.port, config.http.host);
  http.server.on('upgrade', streamingUpgradeListener(proxies.upgrade));
  return http;
});
