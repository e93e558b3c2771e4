import { Router } from 'express';
import type { MediaStorage } from './port.ts';

/** GET /system/<key>: stored media, cached for good since keys never change content. */
export function mediaRoutes(storage: MediaStorage): Router {
  const router = Router();
  router.get('/system/*key', async (req, res) => {
    const segments = (req.params as { key?: string[] }).key ?? [];
    const stored = await storage.get(segments.join('/'));
    if (!stored) {
      res.status(404).json({ error: 'Record not found' });
      return;
    }
    res
      .type(stored.contentType)
      .set('Cache-Control', 'public, max-age=31536000, immutable')
      .set('X-Content-Type-Options', 'nosniff')
      .send(stored.data);
  });
  return router;
}
