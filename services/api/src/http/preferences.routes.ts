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

/** Preferences and the instance's custom emojis. */
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

  return router;
}
