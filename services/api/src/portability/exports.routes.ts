import { Router } from 'express';
import { NotFoundError } from '@strata/kernel';
import { type ExportKind, exportCsv, exportKinds } from '@strata/portability';
import type { ApiDeps } from '../http/deps.ts';
import { settingsCaller } from './settings-caller.ts';

/** Mastodon's CSV downloads at /settings/exports/<kind>.csv, for the session or a bearer token. */
export function exportRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.get('/settings/exports/:file', async (req, res) => {
    const kind = /^([a-z_]+)\.csv$/.exec(String(req.params['file']))?.[1];
    if (!kind || !(exportKinds as readonly string[]).includes(kind)) throw new NotFoundError();
    const accountId = await settingsCaller(deps, req, res, 'read');
    const csv = await exportCsv({ readModels: await deps.readModels(), domain: deps.config.domain, publicUrl: deps.config.publicUrl }, accountId, kind as ExportKind);
    res.status(200).type('text/csv').set('Content-Disposition', `attachment; filename="${kind}.csv"`).set('Cache-Control', 'no-store').send(csv);
  });
  return router;
}
