import { Router } from 'express';
import { NotFoundError } from '@strata/kernel';
import { presentCustomEmoji } from '@strata/presenters';
import { accountsCollection, customEmojisCollection } from '@strata/views';
import { requireScope, userOf } from '../auth/authentication.ts';
import type { ApiDeps } from './deps.ts';

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
    const emojis = await customEmojisCollection(await deps.readModels()).find({ sort: { field: 'shortcode', direction: 'asc' } });
    res.json(emojis.map((emoji) => presentCustomEmoji(deps.media, emoji)));
  });

  return router;
}
