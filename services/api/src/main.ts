import express from 'express';
import { listen, mastodonErrorHandler, notFoundHandler } from '@strata/http';
import { snowflakes, systemClock } from '@strata/kernel';
import { runService } from '@strata/runtime';
import { createApiRouter } from './index.ts';

// Distributed mode: the Mastodon client API as its own process, behind the gateway.
await runService('api', async ({ config, logger, engines }) => {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    createApiRouter({ config, logger, clock: systemClock, ids: snowflakes, readModels: engines.readModels, eventStore: engines.eventStore }),
  );
  app.use(notFoundHandler);
  app.use(mastodonErrorHandler(logger));
  return listen(app, config.http.port, config.http.host);
});
