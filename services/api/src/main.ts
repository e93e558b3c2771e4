import express from 'express';
import { listen, mastodonErrorHandler, notFoundHandler, parseQueryOnce } from '@strata/http';
import { runService, serviceOps } from '@strata/runtime';
import { composeApi, createApiRouter } from './index.ts';

// Distributed mode: the Mastodon client API as its own process, behind the gateway.
await runService('api', async ({ config, logger, engines }) => {
  const app = express();
  app.disable('x-powered-by');
  const ops = serviceOps('api', engines, config);
  app.use(ops.timing);
  app.use(ops.router);
  // clients send arrays as `id[]=1&id[]=2`: the qs parser reads them as arrays
  app.set('query parser', 'extended');
  // the gateway is the one proxy in front, and it sets X-Forwarded-For to the client it saw
  app.set('trust proxy', 1);
  app.use(parseQueryOnce);
  const deps = composeApi(config, logger, engines);
  app.use(createApiRouter(deps));
  app.use(notFoundHandler);
  app.use(mastodonErrorHandler(logger));
  const http = await listen(app, config.http.port, config.http.host);
  return {
    async stop() {
      await http.stop();
      await deps.close();
    },
  };
});
