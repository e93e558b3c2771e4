import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '@strata/kernel';
import { recordAnnouncementReading } from '@strata/commands';
import { query } from '@strata/http';
import { announcementMarksCollection, announcementsCollection } from '@strata/views';
import { presentAnnouncements } from '@strata/presenters';
import { requireScope, userOf } from '../auth/authentication.ts';
import { formBoolean } from '../accounts/params.ts';
import { awaitProjection, commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';

const listParams = z.object({ with_dismissed: formBoolean.default(false) });
/** One emoji as Unicode writes it: a pictograph with its variation, skin tone or joined parts. */
const UNICODE_EMOJI = /^\p{Extended_Pictographic}(?:\u{FE0F}|\p{Emoji_Modifier}|\u{200D}\p{Extended_Pictographic})*$|^(?:\p{Regional_Indicator}){2}$/u;

/** Announcements for their readers: listed, dismissed, reacted to. Staff publish them with `strata announcements`. */
export function announcementRoutes(deps: ApiDeps): Router {
  const router = Router();
  const existing = async (id: string) => {
    const doc = await announcementsCollection(await deps.readModels()).get(id);
    if (!doc) throw new NotFoundError();
    return doc;
  };

  router.get('/api/v1/announcements', requireScope('read'), async (req, res) => {
    const viewer = userOf(res);
    const { with_dismissed } = query(req, listParams);
    const store = await deps.readModels();
    let docs = await announcementsCollection(store).find({ sort: { field: 'publishedAt', direction: 'asc' }, limit: 100 });
    if (!with_dismissed) {
      const read = new Set((await announcementMarksCollection(store).getMany(docs.map((d) => `${viewer}:${d.id}`))).map((m) => m.announcementId));
      docs = docs.filter((d) => !read.has(d.id));
    }
    res.json(await presentAnnouncements(deps, viewer, docs));
  });

  router.post('/api/v1/announcements/:id/dismiss', requireScope('write:accounts'), async (req, res) => {
    const accountId = userOf(res);
    const { id: announcementId } = await existing(String(req.params.id));
    await awaitProjection(deps, await recordAnnouncementReading(await commandDeps(deps), { type: 'AnnouncementDismissed', announcementId, accountId }, metadataOf(res)));
    res.json({});
  });

  for (const method of ['put', 'delete'] as const) {
    router[method]('/api/v1/announcements/:id/reactions/:name', requireScope('write:favourites'), async (req, res) => {
      const accountId = userOf(res);
      const { id: announcementId } = await existing(String(req.params.id));
      const name = String(req.params.name);
      const custom = (await deps.readModels()).collection('custom_emojis');
      if (method === 'put' && !UNICODE_EMOJI.test(name) && !(await custom.find({ where: { shortcode: name }, limit: 1 })).length) {
        throw new ValidationError('Validation failed: Name is not a recognized emoji', { name: [{ error: 'ERR_INVALID', description: 'is not a recognized emoji' }] });
      }
      const input = { type: 'AnnouncementReactionChanged' as const, announcementId, accountId, name, on: method === 'put' };
      await awaitProjection(deps, await recordAnnouncementReading(await commandDeps(deps), input, metadataOf(res)));
      res.json({});
    });
  }
  return router;
}
