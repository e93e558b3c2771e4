import { Router } from 'express';
import { previewCardsOf } from '@strata/views';
import type { ApiDeps } from '../http/deps.ts';
import { visibleStatus } from './status-lookup.ts';

/** `GET /api/v1/statuses/:id/card`: the link preview of a status the caller may see (`{}` when it has none, as Mastodon answered). */
export function statusCardRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.get('/api/v1/statuses/:id/card', async (req, res) => {
    const status = await visibleStatus(deps, res, req.params.id);
    const cards = await previewCardsOf(await deps.readModels(), [status.reblogOfId ?? status.id]);
    res.json(cards.get(status.reblogOfId ?? status.id) ?? {});
  });
  return router;
}
