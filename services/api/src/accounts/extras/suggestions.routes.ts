import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@strata/kernel';
import { dismissSuggestion } from '@strata/commands';
import { query } from '@strata/http';
import { presentAccounts } from '@strata/presenters';
import { followSuggestions, loadViewer, shownAccount } from '@strata/views';
import { requireScope, userOf } from '../../auth/authentication.ts';
import { awaitProjection, commandDeps, metadataOf } from '../../http/command-context.ts';
import type { ApiDeps } from '../../http/deps.ts';

const limitParams = z.object({ limit: z.coerce.number().int().min(1).default(40).transform((n) => Math.min(n, 80)) });

/** Follow suggestions computed from the follow graph, and dismissing one for good. */
export function suggestionRoutes(deps: ApiDeps): Router {
  const router = Router();
  const suggestions = async (me: string, limit: number) => {
    const store = await deps.readModels();
    const viewer = await loadViewer(store, me, deps.clock.now());
    return followSuggestions(store, { ...viewer, viewerId: me }, limit);
  };

  router.get('/api/v2/suggestions', requireScope('read'), async (req, res) => {
    const found = await suggestions(userOf(res), query(req, limitParams).limit);
    // `source` is the field older clients read: Mastodon reports both of these sources as "global"
    const accounts = await presentAccounts(deps, found.map((s) => s.account));
    res.json(found.map((s, i) => ({ source: 'global', sources: s.sources, account: accounts[i] })));
  });

  router.get('/api/v1/suggestions', requireScope('read'), async (req, res) => {
    const found = await suggestions(userOf(res), query(req, limitParams).limit);
    res.json(await presentAccounts(deps, found.map((s) => s.account)));
  });

  router.delete('/api/v1/suggestions/:account_id', requireScope('read'), async (req, res) => {
    const me = userOf(res);
    const target = await shownAccount(await deps.readModels(), req.params.account_id);
    if (!target || target.id === me) throw new NotFoundError();
    const result = await dismissSuggestion(await commandDeps(deps), { accountId: me, targetId: target.id }, metadataOf(res));
    await awaitProjection(deps, result);
    res.json({});
  });
  return router;
}
