import express from 'express';
import { listen, mastodonErrorHandler, notFoundHandler } from '@strata/http';
import { runService } from '@strata/runtime';
import { createStreamingRouter } from './index.ts';

// Distributed mode: the streaming API as its own process; run as many as clients need.
await runService('streaming', async ({ config, logger }) => {
  const app = express();
  app.disable('x-powered-by');
  app.use(createStreamingRouter());
  app.use(notFoundHandler);
  app.use(mastodonErrorHandler(logger));
  return listen(app, config.http.port, config.http.host);
});
