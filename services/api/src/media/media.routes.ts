import { type Request, type Response, Router } from 'express';
import { NotFoundError, ValidationError, sleep } from '@strata/kernel';
import { mediaStream } from '@strata/contracts';
import { deleteMedia, describeMedia } from '@strata/commands';
import { body } from '@strata/http';
import { presentMedia } from '@strata/presenters';
import { type MediaDoc, mediaCollection, mediaKeyPrefix, waitForProjection } from '@strata/views';
import { requireScope, resolveCaller, userOf } from '../auth/authentication.ts';
import { requireActiveUser } from '../auth/user-gate.ts';
import { commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { mediaBody, mediaFilesOf } from './media-body.ts';
import { checkDescription, mediaId, mediaParams } from './media-params.ts';
import { acceptUpload, storeThumbnail } from './store-upload.ts';

const PROCESSING_FAILED = 'Error processing thumbnail for uploaded media';
/** How long the legacy v1 upload waits for a video to be processed before answering anyway. */
const V1_WAIT_MS = 60_000;

/**
 * Mastodon's media API. Mounted before the shared body parser: uploads are parsed here,
 * after authentication, with the configured limits, to temporary files.
 */
export function mediaApiRoutes(deps: ApiDeps): Router {
  const router = Router();
  const guard = [resolveCaller(deps.vault), requireScope('write:media'), requireActiveUser(deps.vault, deps.config.instance.requireEmailConfirmation)];
  const withBody = [...guard, ...mediaBody(deps.config)];
  const limit = deps.config.media.limits.descriptionLimit;
  const parse = (req: Request) => {
    const parsed = body(req, mediaParams);
    checkDescription(parsed.description, limit);
    return parsed;
  };
  const present = (doc: MediaDoc) => presentMedia(deps.config, deps.media, doc);

  /** The caller's own attachment; attached ones only when `attached` allows (as Mastodon, they are the status's then). */
  async function ownMedia(res: Response, id: string, attached = false) {
    if (!mediaId.safeParse(id).success) throw new NotFoundError();
    const doc = await mediaCollection(await deps.readModels()).get(id);
    if (!doc || doc.accountId !== userOf(res) || (!attached && doc.statusId)) throw new NotFoundError();
    return doc;
  }

  router.post('/api/v2/media', ...withBody, async (req, res) => {
    const doc = await acceptUpload(deps, res, userOf(res), mediaFilesOf(req), parse(req));
    res.status(doc.processing === 'pending' ? 202 : 200).json(present(doc));
  });

  router.post('/api/v1/media', ...withBody, async (req, res) => {
    let doc = await acceptUpload(deps, res, userOf(res), mediaFilesOf(req), parse(req));
    const deadline = Date.now() + V1_WAIT_MS;
    while (doc.processing === 'pending' && Date.now() < deadline) {
      await sleep(100);
      doc = (await mediaCollection(await deps.readModels()).get(doc.id)) ?? doc;
    }
    if (doc.processing === 'failed') throw new ValidationError(PROCESSING_FAILED);
    res.json(present(doc));
  });

  router.get('/api/v1/media/:id', ...guard, async (req, res) => {
    const doc = await ownMedia(res, String(req.params.id), true);
    if (doc.processing === 'failed') throw new ValidationError(PROCESSING_FAILED);
    res.status(doc.processing === 'pending' ? 206 : 200).json(present(doc));
  });

  router.put('/api/v1/media/:id', ...withBody, async (req, res) => {
    const doc = await ownMedia(res, String(req.params.id));
    if (doc.processing === 'failed') throw new ValidationError(PROCESSING_FAILED);
    const changes = parse(req);
    const thumbnailUpload = mediaFilesOf(req).thumbnail;
    const thumbnail = thumbnailUpload ? await storeThumbnail(deps, mediaKeyPrefix(doc.accountId, doc.id), thumbnailUpload.path) : null;
    const described = describeMedia(
      await commandDeps(deps),
      {
        mediaId: doc.id,
        accountId: doc.accountId,
        description: changes.description ?? doc.description,
        focus: changes.focus === undefined ? doc.focus : changes.focus,
        thumbnail,
      },
      metadataOf(res),
    );
    // a thumbnail stored for a change that was not recorded must not stay
    const result = await described.catch(async (error: unknown) => {
      if (thumbnail) await deps.media.delete(thumbnail.key);
      throw error;
    });
    // the replaced thumbnail is not needed any more
    if (thumbnail && doc.thumbnail) await deps.media.delete(doc.thumbnail.key);
    await waitForProjection(await deps.readModels(), mediaStream(doc.id), result.revision, 10_000);
    const updated = (await mediaCollection(await deps.readModels()).get(doc.id)) ?? doc;
    res.status(updated.processing === 'pending' ? 206 : 200).json(present(updated));
  });

  router.delete('/api/v1/media/:id', ...guard, async (req, res) => {
    const doc = await ownMedia(res, String(req.params.id), true);
    if (doc.statusId) throw new ValidationError('Media attachment is currently used by a status');
    const result = await deleteMedia(await commandDeps(deps), { mediaId: doc.id, accountId: doc.accountId }, metadataOf(res));
    await deps.media.deletePrefix(mediaKeyPrefix(doc.accountId, doc.id));
    await waitForProjection(await deps.readModels(), mediaStream(doc.id), result.revision, 10_000);
    res.json({});
  });
  return router;
}
