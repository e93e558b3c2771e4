import { Router } from 'express';
import { NotFoundError } from '@strata/kernel';
import type { Doc } from '@strata/read-models';
import { accountsCollection } from '@strata/views';
import { requireScope, userOf } from '../auth/authentication.ts';
import type { ApiDeps } from './deps.ts';

interface CustomEmojiDoc extends Doc {
  shortcode: string;
  url: string;
  staticUrl: string;
  visibleInPicker: boolean;
  category: string | null;
}

interface AnnouncementDoc extends Doc {
  contentHtml: string;
  startsAt: string | null;
  endsAt: string | null;
  allDay: boolean;
  publishedAt: string;
  updatedAt: string;
  published: boolean;
}

/** Preferences, the instance's custom emojis and its announcements. */
export function preferenceRoutes(deps: ApiDeps): Router {
  const router = Router();

  router.get('/api/v1/preferences', requireScope('read:accounts'), async (_req, res) => {
    const account = await accountsCollection(await deps.readModels()).get(userOf(res));
    if (!account) throw new NotFoundError();
    res.json({
      'posting:default:visibility': account.defaultPrivacy,
      'posting:default:sensitive': account.defaultSensitive,
      'posting:default:language': account.defaultLanguage,
      'reading:expand:media': 'default',
      'reading:expand:spoilers': false,
    });
  });

  router.get('/api/v1/custom_emojis', async (_req, res) => {
    const emojis = await (await deps.readModels()).collection<CustomEmojiDoc>('custom_emojis').find({ sort: { field: 'shortcode', direction: 'asc' } });
    res.json(
      emojis.map((emoji) => ({
        shortcode: emoji.shortcode,
        url: emoji.url,
        static_url: emoji.staticUrl,
        visible_in_picker: emoji.visibleInPicker,
        category: emoji.category,
      })),
    );
  });

  router.get('/api/v1/announcements', requireScope('read'), async (_req, res) => {
    const announcements = await (await deps.readModels())
      .collection<AnnouncementDoc>('announcements')
      .find({ where: { published: true }, sort: { field: 'publishedAt', direction: 'desc' } });
    res.json(
      announcements.map((a) => ({
        id: a.id,
        content: a.contentHtml,
        starts_at: a.startsAt,
        ends_at: a.endsAt,
        all_day: a.allDay,
        published_at: a.publishedAt,
        updated_at: a.updatedAt,
        read: false,
        mentions: [],
        statuses: [],
        tags: [],
        emojis: [],
        reactions: [],
      })),
    );
  });
  return router;
}
