import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@strata/kernel';
import { query } from '@strata/http';
import { presentAccounts } from '@strata/presenters';
import {
  accountsCollection, canSeeAccount, followsCollection, listMembersCollection, listsCollection, loadViewer, shownAccount,
  shownAccountFilter, shownAccounts,
} from '@strata/views';
import { formBoolean } from '../params.ts';
import { callerOf, requireScope, userOf } from '../../auth/authentication.ts';
import type { ApiDeps } from '../../http/deps.ts';
import { presentList } from '../../timelines/lists.routes.ts';

const accountId = z.string().regex(/^\d{1,20}$/);
const familiarParams = z.object({
  id: z.union([accountId, z.array(accountId).max(40)]).transform((v) => (Array.isArray(v) ? v : [v])).default([]),
});
const directoryParams = z.object({
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
  limit: z.coerce.number().int().min(1).default(40).transform((n) => Math.min(n, 80)),
  order: z.enum(['active', 'new']).default('active'),
  local: formBoolean.default(false),
});

/** The caller's lists holding an account, followers in common, and the profile directory. */
export function discoveryRoutes(deps: ApiDeps): Router {
  const router = Router();

  router.get('/api/v1/accounts/familiar_followers', requireScope('read:follows'), async (req, res) => {
    const me = userOf(res);
    const { id: ids } = query(req, familiarParams);
    const store = await deps.readModels();
    const viewer = await loadViewer(store, me, deps.clock.now());
    const mine = new Set((await followsCollection(store).find({ where: { followerId: me, state: 'following' } })).map((f) => f.followedId));
    const answer = [];
    for (const id of ids) {
      const followers = await followsCollection(store).find({ where: { followedId: id, state: 'following' } });
      const familiar = followers.map((f) => f.followerId).filter((f) => mine.has(f) && canSeeAccount(viewer, f));
      // as in Mastodon, an account that hides its collections is not named here
      const accounts = (await shownAccounts(store, familiar)).filter((a) => !a.hideCollections);
      answer.push({ id, accounts: canSeeAccount(viewer, id) ? await presentAccounts(deps, accounts) : [] });
    }
    res.json(answer);
  });

  router.get('/api/v1/accounts/:id/lists', requireScope('read:lists'), async (req, res) => {
    const store = await deps.readModels();
    const account = await shownAccount(store, req.params.id);
    if (!account) throw new NotFoundError();
    const memberships = await listMembersCollection(store).find({ where: { ownerId: userOf(res), accountId: account.id } });
    const lists = await listsCollection(store).getMany(memberships.map((m) => m.listId));
    res.json(lists.sort((a, b) => a.title.localeCompare(b.title)).map(presentList));
  });

  router.get('/api/v1/directory', async (req, res) => {
    const params = query(req, directoryParams);
    const store = await deps.readModels();
    const viewer = await loadViewer(store, callerOf(res)?.accountId ?? null, deps.clock.now());
    const where = { ...shownAccountFilter, discoverable: true, ...(params.local && { domain: null }) };
    const sort = params.order === 'active' ? { field: 'lastStatusAt', direction: 'desc' as const } : { field: 'createdAt', direction: 'desc' as const };
    const accounts = await accountsCollection(store).find({ where, sort, limit: params.limit, offset: params.offset });
    res.json(await presentAccounts(deps, accounts.filter((a) => canSeeAccount(viewer, a.id))));
  });
  return router;
}
