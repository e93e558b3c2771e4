import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError, RateLimitedError } from '@strata/kernel';
import { ARCHIVE_QUEUE, accountArchivesCollection, presentArchive } from '@strata/portability';
import type { ApiDeps } from '../http/deps.ts';
import { settingsCaller } from './settings-caller.ts';

const id = z.string().regex(/^\d{1,20}$/);
// as Mastodon: one archive a week is enough for anyone, and each costs the server real work
const ARCHIVE_INTERVAL_MS = 7 * 86_400_000;

/** Mastodon's "request your archive" (/settings/export → backups): request, see its state, download. */
export function backupRoutes(deps: ApiDeps): Router {
  const router = Router();
  const ownArchive = async (accountId: string, value: unknown) => {
    const parsed = id.safeParse(value);
    const doc = parsed.success ? await accountArchivesCollection(await deps.readModels()).get(parsed.data) : null;
    if (!doc || doc.accountId !== accountId) throw new NotFoundError();
    return doc;
  };

  router.post('/settings/backups', async (req, res) => {
    const accountId = await settingsCaller(deps, req, res, 'write');
    const archives = accountArchivesCollection(await deps.readModels());
    const [latest] = await archives.find({ where: { accountId }, sort: { field: 'id', direction: 'desc' }, limit: 1 });
    const now = deps.clock.now();
    if (latest && now.getTime() - Date.parse(latest.createdAt) < ARCHIVE_INTERVAL_MS) throw new RateLimitedError(new Date(Date.parse(latest.createdAt) + ARCHIVE_INTERVAL_MS));
    const doc = { id: deps.ids.next(), accountId, state: 'scheduled' as const, key: null, size: 0, createdAt: now.toISOString(), finishedAt: null };
    await archives.insert(doc);
    await (await deps.jobs()).enqueue(ARCHIVE_QUEUE, { archiveId: doc.id }, { maxAttempts: 5 });
    res.json(presentArchive(doc, deps.config.publicUrl));
  });

  router.get('/settings/backups/:id', async (req, res) => {
    res.json(presentArchive(await ownArchive(await settingsCaller(deps, req, res, 'read'), req.params.id), deps.config.publicUrl));
  });

  router.get('/settings/backups/:id/download', async (req, res) => {
    const doc = await ownArchive(await settingsCaller(deps, req, res, 'read'), req.params.id);
    const stream = doc.key ? await deps.media.open(doc.key) : null;
    if (!stream) throw new NotFoundError();
    res.status(200).type('application/zip').set('Content-Disposition', `attachment; filename="archive-${doc.id}.zip"`).set('Cache-Control', 'no-store');
    stream.pipe(res);
  });
  return router;
}
