import { Router } from 'express';
import { instanceStats } from '@strata/views';
import { presentInstanceV1, presentInstanceV2 } from '../presenters/instance.presenter.ts';
import type { ApiDeps } from './deps.ts';

export function instanceRoutes(deps: ApiDeps): Router {
  const router = Router();
  const stats = async () => instanceStats(await deps.readModels(), deps.clock.now());

  router.get('/api/v1/instance', async (_req, res) => {
    res.json(presentInstanceV1(deps.config, await stats()));
  });
  router.get('/api/v2/instance', async (_req, res) => {
    res.json(presentInstanceV2(deps.config, await stats()));
  });
  return router;
}
