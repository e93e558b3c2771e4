import { Router } from 'express';
import { NotFoundError } from '@strata/kernel';
import { changeFollow } from '@strata/commands';
import { query } from '@strata/http';
import { blocksCollection, excludingSuspended, followsCollection, mutesCollection, shownAccount } from '@strata/views';
import { callerOf, requireScope, userOf } from '../auth/authentication.ts';
import { commandDeps, metadataOf, awaitProjection } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { pageParams, pageQuery } from '../http/pagination.ts';
import { listAccounts } from '../statuses/status-actions.routes.ts';
import { presentRelationship } from './relationship.presenter.ts';


/** Followers, following, follow requests, blocks and mutes as pages of accounts. */
export function accountListRoutes(deps: ApiDeps): Router {
  const router = Router();

  const owner = async (id: unknown) => {
    const account = await shownAccount(await deps.readModels(), id);
    if (!account) throw new NotFoundError();
    return account;
  };

  for (const [path, side] of [['followers', 'followedId'], ['following', 'followerId']] as const) {
    router.get(`/api/v1/accounts/:id/${path}`, async (req, res) => {
      const account = await owner(req.params.id);
      const viewer = callerOf(res)?.accountId;
      // hidden collections are shown to their owner only
      if (account.hideCollections && viewer !== account.id) return void res.json([]);
      const page = pageQuery(query(req, pageParams), 'pageId', 80);
      const other = side === 'followedId' ? 'followerId' : 'followedId';
      const store = await deps.readModels();
      const where = { ...page.where, [side]: account.id, state: 'following', ...(await excludingSuspended(store, other)) };
      const follows = await followsCollection(store).find({ where, sort: page.sort, limit: page.limit });
      await listAccounts(deps, req, res, page.order(follows, (f) => f.pageId), (f) => f[other], (f) => f.pageId);
    });
  }

  router.get('/api/v1/follow_requests', requireScope('read:follows'), async (req, res) => {
    const page = pageQuery(query(req, pageParams), 'pageId', 80);
    const requests = await followsCollection(await deps.readModels()).find({ where: { ...page.where, followedId: userOf(res), state: 'requested' }, sort: page.sort, limit: page.limit });
    await listAccounts(deps, req, res, page.order(requests, (f) => f.pageId), (f) => f.followerId, (f) => f.pageId);
  });

  for (const [path, action] of [['authorize', 'AuthorizeFollow'], ['reject', 'RejectFollow']] as const) {
    router.post(`/api/v1/follow_requests/:id/${path}`, requireScope('write:follows'), async (req, res) => {
      const requester = await owner(req.params.id);
      const me = userOf(res);
      const result = await changeFollow(await commandDeps(deps), action, { followerId: requester.id, followedId: me }, metadataOf(res));
      await awaitProjection(deps, result);
      res.json(await presentRelationship(await deps.readModels(), me, requester.id, deps.clock.now()));
    });
  }

  router.get('/api/v1/blocks', requireScope('read:blocks'), async (req, res) => {
    const page = pageQuery(query(req, pageParams), 'pageId', 80);
    const blocks = await blocksCollection(await deps.readModels()).find({ where: { ...page.where, accountId: userOf(res) }, sort: page.sort, limit: page.limit });
    await listAccounts(deps, req, res, page.order(blocks, (b) => b.pageId), (b) => b.targetId, (b) => b.pageId);
  });

  router.get('/api/v1/mutes', requireScope('read:mutes'), async (req, res) => {
    const page = pageQuery(query(req, pageParams), 'pageId', 80);
    const mutes = await mutesCollection(await deps.readModels()).find({ where: { ...page.where, accountId: userOf(res) }, sort: page.sort, limit: page.limit });
    await listAccounts(deps, req, res, page.order(mutes, (m) => m.pageId), (m) => m.targetId, (m) => m.pageId);
  });
  return router;
}
