import { Router } from 'express';
import { NotFoundError } from '@strata/kernel';
import { shownAccount } from '@strata/views';
import { userOf } from '../../auth/authentication.ts';
import type { ApiDeps } from '../../http/deps.ts';

/**
 * `GET /api/v1/accounts/:id/identity_proofs`: deprecated since Mastodon 3.5, which
 * documents it as an empty array for every account; kept because older clients still
 * call it. An account the caller may not see is a 404 like on every account path.
 */
export function identityProofRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.get('/api/v1/accounts/:id/identity_proofs', async (req, res) => {
    userOf(res);
    if (!/^\d{1,20}$/.test(req.params.id) || !(await shownAccount(await deps.readModels(), req.params.id))) throw new NotFoundError();
    res.json([]);
  });
  return router;
}
