import { type Request, type Response, Router } from 'express';
import { ForbiddenError, ValidationError } from '@strata/kernel';
import { reblogStatus, toggleStatusMark, unreblogStatus } from '@strata/commands';
import type { StatusToggleKind } from '@strata/contracts';
import { body, query } from '@strata/http';
import { type StatusDoc, excludingSuspended, marksCollection, shownAccounts, statusesCollection } from '@strata/views';
import { requireScope, userOf } from '../auth/authentication.ts';
import { requireActiveUser } from '../auth/user-gate.ts';
import { commandDeps, metadataOf, awaitProjection } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { pageParams, pageQuery, setLinkHeader } from '../http/pagination.ts';
import { presentAccounts } from '@strata/presenters';
import { presentStatus } from '@strata/presenters';
import { reblogParams } from './status-params.ts';
import { visibleStatus } from './status-lookup.ts';

const MAX_PINNED = 5;

const marks: { path: string; kind: StatusToggleKind; on: boolean; scope: string }[] = [
  { path: 'favourite', kind: 'favourite', on: true, scope: 'write:favourites' },
  { path: 'unfavourite', kind: 'favourite', on: false, scope: 'write:favourites' },
  { path: 'bookmark', kind: 'bookmark', on: true, scope: 'write:bookmarks' },
  { path: 'unbookmark', kind: 'bookmark', on: false, scope: 'write:bookmarks' },
  { path: 'pin', kind: 'pin', on: true, scope: 'write:accounts' },
  { path: 'unpin', kind: 'pin', on: false, scope: 'write:accounts' },
  { path: 'mute', kind: 'mute', on: true, scope: 'write:mutes' },
  { path: 'unmute', kind: 'mute', on: false, scope: 'write:mutes' },
];

/** Boosts, favourites, bookmarks, pins, conversation mutes, and who boosted or favourited. */
export function statusActionRoutes(deps: ApiDeps): Router {
  const router = Router();
  const activeUser = requireActiveUser(deps.vault, deps.config.instance.requireEmailConfirmation);
  /** Actions apply to the original of a boost, as in Mastodon. */
  const target = async (res: Response, id: unknown): Promise<StatusDoc> => {
    const status = await visibleStatus(deps, res, id);
    return status.reblogOfId ? await visibleStatus(deps, res, status.reblogOfId) : status;
  };
  const respond = async (res: Response, statusId: string) =>
    res.json(await presentStatus(deps, userOf(res), (await statusesCollection(await deps.readModels()).get(statusId))!));

  router.post('/api/v1/statuses/:id/reblog', requireScope('write:statuses'), activeUser, async (req, res) => {
    const accountId = userOf(res);
    const status = await target(res, req.params.id);
    body(req, reblogParams);
    if (status.visibility === 'direct' || (status.visibility === 'private' && status.accountId !== accountId)) throw new ForbiddenError();
    const { reblogId, result } = await reblogStatus(
      await commandDeps(deps),
      { accountId, statusId: status.id, statusAccountId: status.accountId, visibility: status.visibility },
      metadataOf(res),
    );
    await awaitProjection(deps, result);
    await respond(res, reblogId);
  });

  router.post('/api/v1/statuses/:id/unreblog', requireScope('write:statuses'), async (req, res) => {
    const accountId = userOf(res);
    const status = await target(res, req.params.id);
    const result = await unreblogStatus(await commandDeps(deps), { accountId, statusId: status.id }, metadataOf(res));
    await awaitProjection(deps, result);
    await respond(res, status.id);
  });

  for (const mark of marks) {
    router.post(`/api/v1/statuses/:id/${mark.path}`, requireScope(mark.scope), activeUser, async (req, res) => {
      const accountId = userOf(res);
      const status = await target(res, req.params.id);
      if (mark.kind === 'pin' && mark.on) await checkPinnable(deps, accountId, status);
      const input = { kind: mark.kind, on: mark.on, accountId, statusId: status.id, statusAccountId: status.accountId };
      const result = await toggleStatusMark(await commandDeps(deps), input, metadataOf(res));
      await awaitProjection(deps, result);
      await respond(res, status.id);
    });
  }

  router.get('/api/v1/statuses/:id/reblogged_by', async (req, res) => {
    const status = await target(res, req.params.id);
    const page = pageQuery(query(req, pageParams), 'id', 80);
    const store = await deps.readModels();
    const boosts = await statusesCollection(store).find({ where: { ...page.where, reblogOfId: status.id, ...(await excludingSuspended(store)) }, sort: page.sort, limit: page.limit });
    await listAccounts(deps, req, res, page.order(boosts, (b) => b.id), (b) => b.accountId, (b) => b.id);
  });

  router.get('/api/v1/statuses/:id/favourited_by', async (req, res) => {
    const status = await target(res, req.params.id);
    const page = pageQuery(query(req, pageParams), 'markId', 80);
    const store = await deps.readModels();
    const where = { ...page.where, statusId: status.id, ...(await excludingSuspended(store)) };
    const favourites = await marksCollection(store, 'favourite').find({ where, sort: page.sort, limit: page.limit });
    await listAccounts(deps, req, res, page.order(favourites, (f) => f.markId), (f) => f.accountId, (f) => f.markId);
  });
  return router;
}

async function checkPinnable(deps: ApiDeps, accountId: string, status: StatusDoc) {
  if (status.accountId !== accountId || status.visibility === 'direct') throw new ValidationError('Validation failed: This status cannot be pinned');
  const pinned = await marksCollection(await deps.readModels(), 'pin').count({ accountId });
  if (pinned >= MAX_PINNED) throw new ValidationError(`Validation failed: You have already pinned the maximum number of statuses (${MAX_PINNED})`);
}

/** Accounts behind a page of rows that may be shown (never suspended ones), in the rows' order, with the Link header of the rows' ids. */
export async function listAccounts<T>(
  deps: ApiDeps,
  req: Request,
  res: Response,
  rows: T[],
  accountIdOf: (row: T) => string,
  pageIdOf: (row: T) => string,
) {
  const accounts = new Map((await shownAccounts(await deps.readModels(), rows.map(accountIdOf))).map((a) => [a.id, a]));
  setLinkHeader(req, res, deps.config.publicUrl, rows.map(pageIdOf));
  res.json(await presentAccounts(deps, rows.flatMap((row) => accounts.get(accountIdOf(row)) ?? [])));
}
