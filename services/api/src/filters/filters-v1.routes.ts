import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@strata/kernel';
import { body } from '@strata/http';
import { type FilterDoc, filtersCollection } from '@strata/views';
import { formBoolean } from '../accounts/params.ts';
import { requireScope, userOf } from '../auth/authentication.ts';
import type { ApiDeps } from '../http/deps.ts';
import { partId } from './filter-params.ts';
import { filterOfPart, runFilterCommand } from './filter-access.ts';
import { contextParam, expiresAt, expiresInParam, keywordText } from './filter-params.ts';

const v1Params = z.object({
  phrase: keywordText,
  context: contextParam,
  irreversible: formBoolean.default(false),
  whole_word: formBoolean.default(true),
  expires_in: expiresInParam.optional(),
});
const v1UpdateParams = v1Params.partial();

/** Mastodon's v1 filter: one keyword of a v2 filter, with its filter's settings. */
function presentV1(filter: FilterDoc, keywordId: string) {
  const keyword = filter.keywords.find((k) => k.id === keywordId);
  if (!keyword) throw new NotFoundError();
  return { id: keyword.id, phrase: keyword.keyword, context: filter.context, whole_word: keyword.wholeWord, expires_at: filter.expiresAt, irreversible: filter.action === 'hide' };
}

/** Filters (API v1, deprecated but still used): each keyword as its own filter. */
export function filterV1Routes(deps: ApiDeps): Router {
  const router = Router();

  router.get('/api/v1/filters', requireScope('read:filters'), async (_req, res) => {
    const filters = await filtersCollection(await deps.readModels()).find({ where: { accountId: userOf(res) }, sort: { field: 'id', direction: 'asc' } });
    res.json(filters.flatMap((f) => f.keywords.map((k) => presentV1(f, k.id))));
  });

  router.get('/api/v1/filters/:id', requireScope('read:filters'), async (req, res) => {
    res.json(presentV1(await filterOfPart(deps, res, 'keyword', req.params.id), partId(req)));
  });

  router.post('/api/v1/filters', requireScope('write:filters'), async (req, res) => {
    const params = body(req, v1Params);
    const keywordId = deps.ids.next();
    const command = {
      type: 'CreateFilter' as const,
      filterId: deps.ids.next(),
      accountId: userOf(res),
      title: params.phrase.slice(0, 256),
      context: params.context,
      action: params.irreversible ? ('hide' as const) : ('warn' as const),
      expiresAt: expiresAt(deps.clock.now(), params.expires_in),
      keywords: [{ keywordId, keyword: params.phrase, wholeWord: params.whole_word }],
    };
    const filter = await runFilterCommand(deps, res, command);
    if (!filter) throw new NotFoundError();
    res.json(presentV1(filter, keywordId));
  });

  router.put('/api/v1/filters/:id', requireScope('write:filters'), async (req, res) => {
    const filter = await filterOfPart(deps, res, 'keyword', req.params.id);
    const params = body(req, v1UpdateParams);
    const settings = {
      ...(params.context !== undefined && { context: params.context }),
      ...(params.irreversible !== undefined && { action: params.irreversible ? ('hide' as const) : ('warn' as const) }),
      ...(params.expires_in !== undefined && { expiresAt: expiresAt(deps.clock.now(), params.expires_in) }),
    };
    const keyword = { keywordId: partId(req), ...(params.phrase !== undefined && { keyword: params.phrase }), ...(params.whole_word !== undefined && { wholeWord: params.whole_word }) };
    const after = await runFilterCommand(deps, res, { type: 'ChangeFilter', filterId: filter.id, accountId: filter.accountId, settings, updateKeywords: [keyword] });
    if (!after) throw new NotFoundError();
    res.json(presentV1(after, partId(req)));
  });

  router.delete('/api/v1/filters/:id', requireScope('write:filters'), async (req, res) => {
    const filter = await filterOfPart(deps, res, 'keyword', req.params.id);
    // the last keyword takes its filter with it, so no empty v2 filter is left behind
    const command =
      filter.keywords.length <= 1 && filter.statuses.length === 0
        ? { type: 'DeleteFilter' as const, filterId: filter.id, accountId: filter.accountId }
        : { type: 'ChangeFilter' as const, filterId: filter.id, accountId: filter.accountId, removeKeywordIds: [partId(req)] };
    await runFilterCommand(deps, res, command);
    res.json({});
  });
  return router;
}
