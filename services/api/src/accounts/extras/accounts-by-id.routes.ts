import { Router } from 'express';
import { z } from 'zod';
import { query } from '@strata/http';
import { shownAccounts } from '@strata/views';
import { presentAccounts } from '@strata/presenters';
import type { ApiDeps } from '../../http/deps.ts';

const id = z.string().regex(/^\d{1,20}$/);
const params = z.object({ id: z.union([id, z.array(id).max(40)]).transform((v) => (Array.isArray(v) ? v : [v])) });

/** `GET /api/v1/accounts?id[]=`: several accounts at once (Mastodon 4.3), those not shown left out, in the order asked. */
export function accountsByIdRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.get('/api/v1/accounts', async (req, res) => {
    const ids = [...new Set(query(req, params).id)];
    const found = new Map((await shownAccounts(await deps.readModels(), ids)).map((a) => [a.id, a]));
    res.json(await presentAccounts(deps, ids.flatMap((accountId) => found.get(accountId) ?? [])));
  });
  return router;
}
