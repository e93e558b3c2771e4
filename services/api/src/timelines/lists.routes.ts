import { type Response, Router } from 'express';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '@strata/kernel';
import { changeList } from '@strata/commands';
import { body, query } from '@strata/http';
import { type ListDoc, accountsCollection, followsCollection, listMembersCollection, listsCollection } from '@strata/views';
import { formBoolean } from '../accounts/params.ts';
import { requireScope, userOf } from '../auth/authentication.ts';
import { commandDeps, metadataOf, awaitProjection } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { pageParams } from '../http/pagination.ts';
import { presentAccounts } from '@strata/presenters';
import { statusTimeline } from './timeline-query.ts';

const listParams = z.object({
  title: z.string().trim().min(1).max(200),
  replies_policy: z.enum(['followed', 'list', 'none']).default('list'),
  exclusive: formBoolean.default(false),
});
const updateParams = listParams.partial();
const memberParams = z.object({
  account_ids: z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])).pipe(z.array(z.string().regex(/^\d{1,20}$/)).min(1).max(100)),
});
const listId = z.string().regex(/^\d{1,20}$/);

export const presentList = (list: ListDoc) => ({ id: list.id, title: list.title, replies_policy: list.repliesPolicy, exclusive: list.exclusive });

/** Lists: CRUD, members (accounts the owner follows), and the list timeline. */
export function listRoutes(deps: ApiDeps): Router {
  const router = Router();
  const ownList = async (res: Response, id: unknown) => {
    const parsed = listId.safeParse(id);
    const list = parsed.success ? await listsCollection(await deps.readModels()).get(parsed.data) : null;
    if (!list || list.accountId !== userOf(res)) throw new NotFoundError();
    return list;
  };
  const fresh = async (id: string) => presentList((await listsCollection(await deps.readModels()).get(id))!);

  router.get('/api/v1/lists', requireScope('read:lists'), async (_req, res) => {
    const lists = await listsCollection(await deps.readModels()).find({ where: { accountId: userOf(res) }, sort: { field: 'title', direction: 'asc' } });
    res.json(lists.map(presentList));
  });

  router.post('/api/v1/lists', requireScope('write:lists'), async (req, res) => {
    const params = body(req, listParams);
    const accountId = userOf(res);
    const id = deps.ids.next();
    const command = { type: 'CreateList' as const, listId: id, accountId, title: params.title, repliesPolicy: params.replies_policy, exclusive: params.exclusive };
    await awaitProjection(deps, await changeList(await commandDeps(deps), command, metadataOf(res)));
    res.json(await fresh(id));
  });

  router.get('/api/v1/lists/:id', requireScope('read:lists'), async (req, res) => {
    res.json(presentList(await ownList(res, req.params.id)));
  });

  router.put('/api/v1/lists/:id', requireScope('write:lists'), async (req, res) => {
    const list = await ownList(res, req.params.id);
    const params = body(req, updateParams);
    const command = {
      type: 'UpdateList' as const,
      listId: list.id,
      accountId: list.accountId,
      ...(params.title !== undefined && { title: params.title }),
      ...(params.replies_policy !== undefined && { repliesPolicy: params.replies_policy }),
      ...(params.exclusive !== undefined && { exclusive: params.exclusive }),
    };
    await awaitProjection(deps, await changeList(await commandDeps(deps), command, metadataOf(res)));
    res.json(await fresh(list.id));
  });

  router.delete('/api/v1/lists/:id', requireScope('write:lists'), async (req, res) => {
    const list = await ownList(res, req.params.id);
    await awaitProjection(deps, await changeList(await commandDeps(deps), { type: 'DeleteList', listId: list.id, accountId: list.accountId }, metadataOf(res)));
    res.json({});
  });

  router.get('/api/v1/lists/:id/accounts', requireScope('read:lists'), async (req, res) => {
    const list = await ownList(res, req.params.id);
    const members = await listMembersCollection(await deps.readModels()).find({ where: { listId: list.id } });
    const accounts = await accountsCollection(await deps.readModels()).getMany(members.map((m) => m.accountId));
    res.json(await presentAccounts(deps, accounts));
  });

  for (const [method, added] of [['post', true], ['delete', false]] as const) {
    router[method]('/api/v1/lists/:id/accounts', requireScope('write:lists'), async (req, res) => {
      const list = await ownList(res, req.params.id);
      const { account_ids } = body(req, memberParams);
      if (added) {
        const follows = await followsCollection(await deps.readModels()).find({ where: { followerId: list.accountId, followedId: { $in: account_ids }, state: 'following' } });
        if (follows.length !== new Set(account_ids).size) throw new ValidationError('Validation failed: You can only add accounts you follow to a list');
      }
      const command = { type: 'ChangeListMembers' as const, listId: list.id, accountId: list.accountId, accountIds: [...new Set(account_ids)], added };
      await awaitProjection(deps, await changeList(await commandDeps(deps), command, metadataOf(res)));
      res.json({});
    });
  }

  router.get('/api/v1/timelines/list/:id', requireScope('read:lists'), async (req, res) => {
    const list = await ownList(res, req.params.id);
    const members = (await listMembersCollection(await deps.readModels()).find({ where: { listId: list.id } })).map((m) => m.accountId);
    const where: Record<string, unknown> = { accountId: { $in: members }, visibility: { $in: ['public', 'unlisted', 'private'] } };
    if (list.repliesPolicy === 'none') where['inReplyToId'] = null;
    else if (list.repliesPolicy === 'list') where['inReplyToAccountId'] = { $in: [...members, list.accountId, null] };
    // the members' statuses: SQLite would walk every public status by (visibility, id) instead
    await statusTimeline(deps, req, res, list.accountId, query(req, pageParams), where as never, { filterContext: 'home', index: ['accountId', 'id'] });
  });
  return router;
}
