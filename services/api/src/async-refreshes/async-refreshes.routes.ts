import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@strata/kernel';
import { liveAsyncRefresh } from '@strata/views';
import { requireScope, userOf } from '../auth/authentication.ts';
import type { ApiDeps } from '../http/deps.ts';

const refreshId = z.string().regex(/^[a-z-]{1,40}-\d{1,20}-\d{1,16}$/);

/**
 * `GET /api/v1_alpha/async_refreshes/:id` (Mastodon 4.4, experimental): how a background
 * refresh a response pointed to with `Mastodon-Async-Refresh` is going — `running`, or
 * `finished` with how many results it brought. Unknown and expired ids are a 404.
 * Also answered under /api/v1, where Mastodon means to move it once stable.
 */
export function asyncRefreshRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.get(['/api/v1_alpha/async_refreshes/:id', '/api/v1/async_refreshes/:id'], requireScope('read'), async (req, res) => {
    userOf(res);
    const id = refreshId.safeParse(req.params.id);
    if (!id.success) throw new NotFoundError();
    const refresh = await liveAsyncRefresh(await deps.readModels(), id.data, deps.clock.now());
    if (!refresh) throw new NotFoundError();
    res.json({ async_refresh: { id: refresh.id, status: refresh.finished ? 'finished' : 'running', result_count: refresh.resultCount } });
  });
  return router;
}
