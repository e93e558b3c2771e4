import express from 'express';
import { openVault } from '@strata/auth';
import { listen, mastodonErrorHandler, notFoundHandler } from '@strata/http';
import { createMediaStorage } from '@strata/media';
import { withReadCache } from '@strata/read-models';
import { runService, serviceOps } from '@strata/runtime';
import { createStreaming, streamingUpgradeListener } from './index.ts';

// Distributed mode: the streaming API as its own process; run as many as clients need.
await runService('streaming', async ({ config, logger, engines }) => {
  const vault = openVault(await engines.vault());
  // a change goes to many clients at once: each status and account is read once a second
  const reads = withReadCache(await engines.readModels(), ['statuses', 'accounts'], 1000);
  const ops = serviceOps('streaming', engines, config);
  const streaming = createStreaming({
    onSlowClientDropped: () => ops.metrics.streamingDropped.inc(),
    presenters: { config, media: createMediaStorage(config), readModels: async () => reads },
    freshReadModels: engines.readModels,
    vault: async () => vault,
    pubsub: await engines.pubsub(),
    logger,
  });
  const app = express();
  app.disable('x-powered-by');
  ops.metrics.watchConnections(() => streaming.connections);
  app.use(ops.timing);
  app.use(ops.router);
  app.use(streaming.router);
  app.use(notFoundHandler);
  app.use(mastodonErrorHandler(logger));
  const http = await listen(app, config.http.port, config.http.host);
  http.server.on('upgrade', streamingUpgradeListener(streaming.handleUpgrade));
  return {
    async stop() {
      await streaming.close();
      await http.stop();
    },
  };
});
