import { Router } from 'express';
import { z } from 'zod';
import { query } from '@strata/http';
import { type AccountDoc, accountsCollection, canSeeAccount, canView, findAccountByAcct, followsCollection, isShown, loadViewer, shownAccountFilter, silencedFor, statusesCollection, tagsCollection, withAuthorsOf } from '@strata/views';
import { formBoolean } from '../accounts/params.ts';
import { callerOf, requireScope } from '../auth/authentication.ts';
import type { ApiDeps } from '../http/deps.ts';
import { presentAccounts } from '@strata/presenters';
import { presentStatuses } from '@strata/presenters';
import { presentTag } from './tags.routes.ts';
import { resolveRemote } from './resolve-remote.ts';

const searchParams = z.object({
  q: z.string().trim().min(1).max(500),
  type: z.enum(['accounts', 'hashtags', 'statuses']).optional(),
  limit: z.coerce.number().int().min(1).max(40).catch(20).default(20),
  offset: z.coerce.number().int().min(0).catch(0).default(0),
  account_id: z.string().regex(/^\d{1,20}$/).optional(),
  following: formBoolean.optional(),
  resolve: formBoolean.optional(),
  exclude_unreviewed: formBoolean.optional(),
});

/** GET /api/v2/search: accounts, hashtags and the statuses the caller may see. */
export function searchRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.get('/api/v2/search', requireScope('read:search'), async (req, res) => {
    const params = query(req, searchParams);
    const viewer = callerOf(res)!.accountId;
    const store = await deps.readModels();
    let relations = await loadViewer(store, viewer, deps.clock.now());
    const wants = (type: string) => !params.type || params.type === type;
    const kind = params.type === 'accounts' ? 'account' : params.type === 'statuses' ? 'status' : 'any';
    const resolved = params.resolve && params.type !== 'hashtags' && params.offset === 0 ? await resolveRemote(deps, viewer, params.q, kind) : null;

    let accounts: AccountDoc[] = [];
    if (wants('accounts')) {
      const exact = resolved?.kind === 'account'
        ? await accountsCollection(store).get(resolved.id)
        : params.offset === 0 ? await findAccountByAcct(store, params.q, deps.config.domain) : null;
      const found = await accountsCollection(store).search(params.q, { where: shownAccountFilter, limit: params.limit + 1, offset: params.offset });
      accounts = (isShown(exact) ? [exact, ...found.filter((a) => a.id !== exact.id)] : found).filter((a) => canSeeAccount(relations, a.id));
      if (params.following && viewer) {
        const followed = new Set((await followsCollection(store).find({ where: { followerId: viewer, state: 'following' } })).map((f) => f.followedId));
        accounts = accounts.filter((a) => followed.has(a.id));
      }
      accounts = accounts.slice(0, params.limit);
    }

    const hashtags = wants('hashtags')
      ? await tagsCollection(store).search(params.q.replace(/^#/, ''), { limit: params.limit, offset: params.offset })
      : [];

    const statuses = [];
    if (wants('statuses') && viewer) {
      const where = { reblogOfId: null, ...(params.account_id && { accountId: params.account_id }) };
      const searched = await statusesCollection(store).search(params.q, { where, limit: params.limit * 3, offset: params.offset });
      const fetched = resolved?.kind === 'status' ? await statusesCollection(store).get(resolved.id) : null;
      const found = fetched ? [fetched, ...searched.filter((doc) => doc.id !== fetched.id)] : searched;
      relations = await withAuthorsOf(store, relations, found);
      statuses.push(...found.filter((doc) => canView(relations, doc) && !silencedFor(relations, doc)).slice(0, params.limit));
    }

    res.json({
      accounts: await presentAccounts(deps, accounts),
      statuses: await presentStatuses(deps, relations, statuses),
      hashtags: await Promise.all(hashtags.map((t) => presentTag(deps, store, t.name, viewer))),
    });
  });
  return router;
}
