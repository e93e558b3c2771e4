import { Router } from 'express';
import { NotFoundError } from '@strata/kernel';
import { isShown, accountsCollection } from '@strata/views';
import type { ApiDeps } from './deps.ts';

/**
 * Avatars and headers live under `accounts/<kind>/<account id>/`: those of an account
 * that may not be shown (suspended) are not served. A deleted account's files are gone.
 */
export function hiddenAccountMedia(deps: ApiDeps): Router {
  const router = Router();
  router.get('/system/accounts/:kind/:accountId/*rest', async (req, res, next) => {
    if (req.params.kind !== 'avatars' && req.params.kind !== 'headers') return next();
    const account = await accountsCollection(await deps.readModels()).get(req.params.accountId);
    if (!isShown(account)) throw new NotFoundError();
    next();
  });
  return router;
}
