import { Router } from 'express';
import { vapidKeys } from '@strata/auth';
import { instanceRules, instanceStats } from '@strata/views';
import { presentInstanceV1, presentInstanceV2, presentRule } from '../presenters/instance.presenter.ts';
import type { ApiDeps } from './deps.ts';

export function instanceRoutes(deps: ApiDeps): Router {
  const router = Router();
  const stats = async () => instanceStats(await deps.readModels(), deps.clock.now());
  const rules = async () => instanceRules(await deps.readModels());

  router.get('/api/v1/instance', async (_req, res) => {
    res.json(presentInstanceV1(deps.config, await stats(), await rules()));
  });
  router.get('/api/v2/instance', async (_req, res) => {
    const instance = presentInstanceV2(deps.config, await stats(), await rules());
    // the key Web Push clients subscribe with; made on first use, kept in the vault
    instance.configuration.vapid.public_key = (await vapidKeys(await deps.vault())).publicKey;
    res.json(instance);
  });
  // the rules come from the event log (`strata instance rules add|remove`), the one source of truth
  router.get('/api/v1/instance/rules', async (_req, res) => {
    res.json((await rules()).map(presentRule));
  });
  return router;
}
