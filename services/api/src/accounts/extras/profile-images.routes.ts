import { Router } from 'express';
import { NotFoundError } from '@strata/kernel';
import { commandMetadata, updateAccountProfile } from '@strata/commands';
import { presentCredentialAccountOf } from '@strata/presenters';
import { accountsCollection } from '@strata/views';
import { requireScope, userOf } from '../../auth/authentication.ts';
import { awaitProjection, commandDeps } from '../../http/command-context.ts';
import type { ApiDeps } from '../../http/deps.ts';

/** Removing the avatar or header: the profile falls back to the stand-in pictures. */
export function profileImageRoutes(deps: ApiDeps): Router {
  const router = Router();
  for (const kind of ['avatar', 'header'] as const) {
    router.delete(`/api/v1/profile/${kind}`, requireScope('write:accounts'), async (_req, res) => {
      const me = userOf(res);
      const result = await updateAccountProfile(await commandDeps(deps), me, { profile: { [kind]: null } }, commandMetadata(me));
      await awaitProjection(deps, result);
      const account = await accountsCollection(await deps.readModels()).get(me);
      if (!account) throw new NotFoundError();
      res.json(await presentCredentialAccountOf(deps, account));
    });
  }
  return router;
}
