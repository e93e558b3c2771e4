import { Router } from 'express';
import { NotFoundError } from '@strata/kernel';
import { body } from '@strata/http';
import { presentFilterKeyword } from '@strata/presenters';
import { requireScope } from '../auth/authentication.ts';
import type { ApiDeps } from '../http/deps.ts';
import { partId } from './filter-params.ts';
import { visibleStatus } from '../statuses/status-lookup.ts';
import { filterOfPart, ownFilter, runFilterCommand } from './filter-access.ts';
import { filterStatusParams, keywordParams, keywordUpdateParams } from './filter-params.ts';

const presentFilterStatus = (s: { id: string; statusId: string }) => ({ id: s.id, status_id: s.statusId });

/** A filter's keywords and filtered statuses, each also addressed by its own id. */
export function filterPartRoutes(deps: ApiDeps): Router {
  const router = Router();
  const keywordOf = (filter: Awaited<ReturnType<typeof ownFilter>> | null, id: string) => {
    const keyword = filter?.keywords.find((k) => k.id === id);
    if (!keyword) throw new NotFoundError();
    return presentFilterKeyword(keyword);
  };

  router.get('/api/v2/filters/:id/keywords', requireScope('read:filters'), async (req, res) => {
    res.json((await ownFilter(deps, res, req.params.id)).keywords.map(presentFilterKeyword));
  });

  router.post('/api/v2/filters/:id/keywords', requireScope('write:filters'), async (req, res) => {
    const filter = await ownFilter(deps, res, req.params.id);
    const params = body(req, keywordParams);
    const keywordId = deps.ids.next();
    const command = { type: 'ChangeFilter' as const, filterId: filter.id, accountId: filter.accountId, addKeywords: [{ keywordId, keyword: params.keyword, wholeWord: params.whole_word }] };
    res.json(keywordOf(await runFilterCommand(deps, res, command), keywordId));
  });

  router.get('/api/v2/filters/keywords/:id', requireScope('read:filters'), async (req, res) => {
    res.json(keywordOf(await filterOfPart(deps, res, 'keyword', req.params.id), partId(req)));
  });

  router.put('/api/v2/filters/keywords/:id', requireScope('write:filters'), async (req, res) => {
    const filter = await filterOfPart(deps, res, 'keyword', req.params.id);
    const params = body(req, keywordUpdateParams);
    const update = { keywordId: partId(req), ...(params.keyword !== undefined && { keyword: params.keyword }), ...(params.whole_word !== undefined && { wholeWord: params.whole_word }) };
    res.json(keywordOf(await runFilterCommand(deps, res, { type: 'ChangeFilter', filterId: filter.id, accountId: filter.accountId, updateKeywords: [update] }), partId(req)));
  });

  router.delete('/api/v2/filters/keywords/:id', requireScope('write:filters'), async (req, res) => {
    const filter = await filterOfPart(deps, res, 'keyword', req.params.id);
    await runFilterCommand(deps, res, { type: 'ChangeFilter', filterId: filter.id, accountId: filter.accountId, removeKeywordIds: [partId(req)] });
    res.json({});
  });

  router.get('/api/v2/filters/:id/statuses', requireScope('read:filters'), async (req, res) => {
    res.json((await ownFilter(deps, res, req.params.id)).statuses.map(presentFilterStatus));
  });

  router.post('/api/v2/filters/:id/statuses', requireScope('write:filters'), async (req, res) => {
    const filter = await ownFilter(deps, res, req.params.id);
    // only a status the caller may see can be filtered: no probing for hidden ones
    const status = await visibleStatus(deps, res, body(req, filterStatusParams).status_id);
    const filterStatusId = deps.ids.next();
    const after = await runFilterCommand(deps, res, { type: 'ChangeFilter', filterId: filter.id, accountId: filter.accountId, addStatuses: [{ filterStatusId, statusId: status.id }] });
    res.json(presentFilterStatus(after?.statuses.find((s) => s.id === filterStatusId) ?? { id: filterStatusId, statusId: status.id }));
  });

  router.get('/api/v2/filters/statuses/:id', requireScope('read:filters'), async (req, res) => {
    const filter = await filterOfPart(deps, res, 'status', req.params.id);
    const entry = filter.statuses.find((s) => s.id === partId(req));
    if (!entry) throw new NotFoundError();
    res.json(presentFilterStatus(entry));
  });

  router.delete('/api/v2/filters/statuses/:id', requireScope('write:filters'), async (req, res) => {
    const filter = await filterOfPart(deps, res, 'status', req.params.id);
    await runFilterCommand(deps, res, { type: 'ChangeFilter', filterId: filter.id, accountId: filter.accountId, removeFilterStatusIds: [partId(req)] });
    res.json({});
  });
  return router;
}
