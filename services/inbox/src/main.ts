import express from 'express';
import { listen, mastodonErrorHandler, notFoundHandler } from '@strata/http';
import { systemClock } from '@strata/kernel';
import { runService } from '@strata/runtime';
import { createInboxRouter } from './index.ts';

// Distributed mode: federation endpoints as their own process, behind the gateway.
await runService('inbox', async ({ config, logger, engines }) => {
  const app = express();
  app.disable('x-powered-by');
  app.use(createInboxRouter({ config, clock: systemClock, readModels: engines.readModels }));
  app.use(notFoundHandler);
  app.use(mastodonErrorHandler(logger));
  return listen(app, config.http.port, config.http.host);
});
