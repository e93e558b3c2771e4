import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

/** Where Vite writes the web app (web/, built by `bash infra/strata start|test`). */
export const WEB_APP_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/**
 * The web app for signed-in users under /web: its hashed assets, and its one page for
 * every /web/* route (the app routes on the client). A server started without a build
 * says so instead of pretending.
 */
export function webAppRoutes(dist = WEB_APP_DIST): Router {
  const router = Router();
  router.use('/web/assets', express.static(`${dist}assets`, { immutable: true, maxAge: '1y', fallthrough: false }));
  router.get(['/web', '/web/*path'], (_req, res) => {
    if (!existsSync(`${dist}index.html`)) {
      res.status(503).type('text/plain').send('The web app is not built: run `bash infra/strata web:build` (start and test build it).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(`${dist}index.html`);
  });
  return router;
}
