import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@strata/kernel';
import { query } from '@strata/http';
import { accountsCollection, findLocalAccountByUsername } from '@strata/views';
import { presentAccount } from '../presenters/account.presenter.ts';
import type { ApiDeps } from './deps.ts';

const lookupParams = z.object({ acct: z.string().min(1).max(300) });
const accountId = z.string().regex(/^\d{1,20}$/);

export function accountRoutes(deps: ApiDeps): Router {
  const router = Router();

  router.get('/api/v1/accounts/lookup', async (req, res) => {
    const { acct } = query(req, lookupParams);
    const [username, domain] = acct.replace(/^@/, '').split('@');
    const local = !domain || domain.toLowerCase() === deps.config.domain;
    const account = local && username ? await findLocalAccountByUsername(await deps.readModels(), username) : null;
    if (!account) throw new NotFoundError();
    res.json(presentAccount(deps.config, account));
  });

  router.get('/api/v1/accounts/:id', async (req, res) => {
    const parsed = accountId.safeParse(req.params.id);
    const account = parsed.success ? await accountsCollection(await deps.readModels()).get(parsed.data) : null;
    if (!account) throw new NotFoundError();
    res.json(presentAccount(deps.config, account));
  });
  return router;
}
