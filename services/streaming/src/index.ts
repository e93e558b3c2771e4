import { Router } from 'express';

/** The Mastodon streaming API. Its health route answers like Mastodon's streaming server. */
export function createStreamingRouter(): Router {
  const router = Router();
  router.get('/api/v1/streaming/health', (_req, res) => {
    res.type('text/plain').send('OK');
  });
  return router;
}
