import express from 'express';
import { composeFederation, startFederationQueues } from '@strata/federation';
import { listen, mastodonErrorHandler, notFoundHandler } from '@strata/http';
import { runService, serviceOps } from '@strata/runtime';
import { createInboxRouter } from './index.ts';

// Distributed mode: federation endpoints and the inbox queue as their own process, behind the gateway.
await runService('inbox', async ({ config, logger, engines }) => {
  const { deps, federation } = await composeFederation(config, logger, engines);
  const queues = startFederationQueues(federation, deps, ['inbox']);
  const app = express();
  app.disable('x-powered-by');
  const ops = serviceOps('inbox', engines, config);
  app.use(ops.timing);
  app.use(ops.router);
  app.set('trust proxy', 'loopback');
  app.use(createInboxRouter(federation, deps));
  app.use(notFoundHandler);
  app.use(mastodonErrorHandler(logger));
  const http = await listen(app, config.http.port, config.http.host);
  return {
    ...http,
    async stop() {
      await http.stop();
      await queues.stop();
    },
  };
});
