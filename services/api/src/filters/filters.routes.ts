import { type Response, Router } from 'express';
import type { z } from 'zod';
import { ValidationError } from '@strata/kernel';
import { body } from '@strata/http';
import type { FilterChanges } from '@strata/domain';
import { presentFilter } from '@strata/presenters';
import { filtersCollection } from '@strata/views';
import { requireScope, userOf } from '../auth/authentication.ts';
import type { ApiDeps } from '../http/deps.ts';
import { ownFilter, runFilterCommand } from './filter-access.ts';
import { expiresAt, filterParams, filterUpdateParams, type keywordsAttributes } from './filter-params.ts';

type KeywordAttributes = z.infer<typeof keywordsAttributes>;

/** Nested keyword attributes as changes: no id adds, an id updates, `_destroy` removes. */
function keywordChanges(deps: ApiDeps, attributes: KeywordAttributes): Pick<FilterChanges, 'addKeywords' | 'updateKeywords' | 'removeKeywordIds'> {
  const changes = { addKeywords: [] as NonNullable<FilterChanges['addKeywords']>, updateKeywords: [] as NonNullable<FilterChanges['updateKeywords']>, removeKeywordIds: [] as string[] };
  for (const a of attributes) {
    if (a.id && a._destroy) changes.removeKeywordIds.push(a.id);
    else if (a.id) changes.updateKeywords.push({ keywordId: a.id, ...(a.keyword !== undefined && { keyword: a.keyword }), ...(a.whole_word !== undefined && { wholeWord: a.whole_word }) });
    else if (!a._destroy) {
      if (!a.keyword) throw new ValidationError("Validation failed: Keywords keyword can't be blank");
      changes.addKeywords.push({ keywordId: deps.ids.next(), keyword: a.keyword, wholeWord: a.whole_word ?? true });
    }
  }
  return changes;
}

/** Filters (API v2): the caller's own, with keywords and statuses; changes reach their streams as `filters_changed`. */
export function filterRoutes(deps: ApiDeps): Router {
  const router = Router();
  const present = (res: Response, filter: Parameters<typeof presentFilter>[0] | null) => res.json(filter ? presentFilter(filter) : {});

  router.get('/api/v2/filters', requireScope('read:filters'), async (_req, res) => {
    const filters = await filtersCollection(await deps.readModels()).find({ where: { accountId: userOf(res) }, sort: { field: 'id', direction: 'asc' } });
    res.json(filters.map(presentFilter));
  });

  router.get('/api/v2/filters/:id', requireScope('read:filters'), async (req, res) => {
    res.json(presentFilter(await ownFilter(deps, res, req.params.id)));
  });

  router.post('/api/v2/filters', requireScope('write:filters'), async (req, res) => {
    const params = body(req, filterParams);
    const { addKeywords, updateKeywords, removeKeywordIds } = keywordChanges(deps, params.keywords_attributes ?? []);
    if (updateKeywords?.length || removeKeywordIds?.length) throw new ValidationError('Validation failed: a new filter has no keywords to change');
    const command = {
      type: 'CreateFilter' as const,
      filterId: deps.ids.next(),
      accountId: userOf(res),
      title: params.title,
      context: params.context,
      action: params.filter_action,
      expiresAt: expiresAt(deps.clock.now(), params.expires_in),
      keywords: addKeywords ?? [],
    };
    present(res, await runFilterCommand(deps, res, command));
  });

  router.put('/api/v2/filters/:id', requireScope('write:filters'), async (req, res) => {
    const filter = await ownFilter(deps, res, req.params.id);
    const params = body(req, filterUpdateParams);
    const settings: NonNullable<FilterChanges['settings']> = {
      ...(params.title !== undefined && { title: params.title }),
      ...(params.context !== undefined && { context: params.context }),
      ...(params.filter_action !== undefined && { action: params.filter_action }),
      ...(params.expires_in !== undefined && { expiresAt: expiresAt(deps.clock.now(), params.expires_in) }),
    };
    const command = { type: 'ChangeFilter' as const, filterId: filter.id, accountId: filter.accountId, settings, ...keywordChanges(deps, params.keywords_attributes ?? []) };
    present(res, await runFilterCommand(deps, res, command));
  });

  router.delete('/api/v2/filters/:id', requireScope('write:filters'), async (req, res) => {
    const filter = await ownFilter(deps, res, req.params.id);
    await runFilterCommand(deps, res, { type: 'DeleteFilter', filterId: filter.id, accountId: filter.accountId });
    res.json({});
  });
  return router;
}
