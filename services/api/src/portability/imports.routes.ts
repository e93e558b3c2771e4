import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '@strata/kernel';
import { body } from '@strata/http';
import { IMPORT_QUEUE, ImportMode, ImportType, bulkImportsCollection, parseImport, presentImport } from '@strata/portability';
import type { ApiDeps } from '../http/deps.ts';
import { settingsCaller } from './settings-caller.ts';

const importParams = z.object({ type: ImportType, mode: ImportMode.default('merge'), data: z.string().min(1).max(2_000_000), authenticity_token: z.string().optional() });
const id = z.string().regex(/^\d{1,20}$/);

/**
 * Mastodon's import (settings → import and export): a CSV of one type, merged with what the
 * account has or overwriting it, run as a job whose progress this route shows.
 */
export function importRoutes(deps: ApiDeps): Router {
  const router = Router();
  const ownImport = async (accountId: string, value: unknown) => {
    const parsed = id.safeParse(value);
    const doc = parsed.success ? await bulkImportsCollection(await deps.readModels()).get(parsed.data) : null;
    if (!doc || doc.accountId !== accountId) throw new NotFoundError();
    return doc;
  };
  const enqueue = async (importId: string) => (await deps.jobs()).enqueue(IMPORT_QUEUE, { importId }, { maxAttempts: 8 });

  router.post('/settings/imports', async (req, res) => {
    const accountId = await settingsCaller(deps, req, res, 'write');
    const params = body(req, importParams);
    const rows = parseImport(params.type, params.data);
    if (!rows.length) throw new ValidationError('Validation failed: Data is empty', { data: [{ error: 'ERR_BLANK', description: 'is empty' }] });
    const doc = {
      id: deps.ids.next(),
      accountId,
      type: params.type,
      mode: params.mode,
      rows,
      state: 'scheduled' as const,
      processed: 0,
      imported: 0,
      failed: 0,
      failures: [],
      overwriteDone: false,
      createdAt: deps.clock.now().toISOString(),
      finishedAt: null,
    };
    await bulkImportsCollection(await deps.readModels()).insert(doc);
    await enqueue(doc.id);
    res.json(presentImport(doc));
  });

  router.get('/settings/imports/:id', async (req, res) => {
    res.json(presentImport(await ownImport(await settingsCaller(deps, req, res, 'read'), req.params.id)));
  });

  // a finished import runs again from its first row: rows done before change nothing, failed ones get another chance
  router.post('/settings/imports/:id/retry', async (req, res) => {
    const doc = await ownImport(await settingsCaller(deps, req, res, 'write'), req.params.id);
    if (doc.state !== 'finished') throw new ValidationError('Validation failed: The import is still running');
    const reset = { state: 'scheduled' as const, processed: 0, imported: 0, failed: 0, failures: [], finishedAt: null };
    await bulkImportsCollection(await deps.readModels()).patch(doc.id, reset);
    await enqueue(doc.id);
    res.json(presentImport({ ...doc, ...reset }));
  });
  return router;
}
