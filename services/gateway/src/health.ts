import { Router } from 'express';

export type HealthCheck = () => Promise<void>;

/** GET /health: "OK" like Mastodon when every engine answers, 503 naming the ones that do not. */
export function healthRoutes(checks: Record<string, HealthCheck>): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const failures: Record<string, string> = {};
    await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await check();
        } catch (error) {
          failures[name] = String((error as Error)?.message ?? error);
        }
      }),
    );
    if (Object.keys(failures).length === 0) res.type('text/plain').send('OK');
    else res.status(503).json({ error: 'Service unavailable', failures });
  });
  return router;
}
