import { Router } from 'express';
import { z } from 'zod';
import { ServiceUnavailableError } from '@strata/kernel';
import { body } from '@strata/http';
import { requireScope } from '../auth/authentication.ts';
import type { ApiDeps } from '../http/deps.ts';
import { visibleStatus } from './status-lookup.ts';

const translateParams = z.object({ lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'lang must be a language code').optional() });

/**
 * `POST /api/v1/statuses/:id/translate`: this server has no translation service (the
 * instance says `translation.enabled: false`), so a status the caller may see gets
 * Mastodon's documented answer for a translation that cannot be made, 503; one they may
 * not see stays a 404, as every status path answers.
 */
export function translateRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.post('/api/v1/statuses/:id/translate', requireScope('read:statuses'), async (req, res) => {
    body(req, translateParams);
    await visibleStatus(deps, res, req.params.id);
    throw new ServiceUnavailableError();
  });
  return router;
}
