import express from 'express';
import { listen, mastodonErrorHandler, notFoundHandler } from '@strata/http';
import { systemClock } from '@strata/kernel';
import { runService } from '@strata/runtime';
import { createInboxRouter } from './index.ts';

// Distributed mode: federation endpoints as their own process, behind the gateway.
await runService('inbox', async ({ config, logger, engines }) => {
  const app = express();
  app.disable('x-powered-by');
  // clients send arrays as `id[]=1&id[]=2`: the qs parser reads them as arrays
  app.set('query parser', 'extended');
  app.use(createInboxRouter({ config, clock: systemClock, readModels: engines.readModels }));
  app.use(notFoundHandler);
  app.use(mastodonErrorHandler(logger));
  return listen(app, config.http.port, config.http.host);
});
