import { type Request, Router } from 'express';
import { z } from 'zod';
import { ValidationError } from '@strata/kernel';
import { domainName } from '@strata/contracts';
import { setDomainBlock } from '@strata/commands';
import { body, parseParams, query } from '@strata/http';
import type { Filter } from '@strata/read-models';
import { userDomainBlocksCollection } from '@strata/views';
import { requireScope, userOf } from '../auth/authentication.ts';
import { awaitProjection, commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { pageParams, setLinkHeader } from '../http/pagination.ts';

const domainParams = z.object({ domain: domainName });

/** User-level domain blocks: a user hides a whole server from their feeds and notifications. */
export function domainBlockRoutes(deps: ApiDeps): Router {
  const router = Router();
  const ownHost = new URL(deps.config.publicUrl).host.toLowerCase();
  // Mastodon takes the domain from the body or the query string
  const domainOf = (req: Request) => {
    const { domain } = req.body && typeof req.body === 'object' && 'domain' in req.body ? body(req, domainParams) : parseParams(domainParams, req.query);
    if (domain === ownHost) throw new ValidationError('You cannot block your own server');
    return domain;
  };

  router.get('/api/v1/domain_blocks', requireScope('read:blocks', 'follow'), async (req, res) => {
    const me = userOf(res);
    const params = query(req, pageParams);
    const where: Filter = { accountId: me };
    const seq: Record<string, number> = {};
    if (params.max_id) seq['$lt'] = Number(params.max_id);
    const lower = params.min_id ?? params.since_id;
    if (lower) seq['$gt'] = Number(lower);
    if (Object.keys(seq).length) where['seq'] = seq;
    const ascending = Boolean(params.min_id);
    const found = await userDomainBlocksCollection(await deps.readModels()).find({ where, sort: { field: 'seq', direction: ascending ? 'asc' : 'desc' }, limit: Math.min(params.limit, 200) });
    const blocks = ascending ? found.reverse() : found;
    setLinkHeader(req, res, deps.config.publicUrl, blocks.map((b) => String(b.seq)));
    res.json(blocks.map((b) => b.domain));
  });

  const change = (method: 'post' | 'delete', blocked: boolean) =>
    router[method]('/api/v1/domain_blocks', requireScope('write:blocks', 'follow'), async (req, res) => {
      const domain = domainOf(req);
      const result = await setDomainBlock(await commandDeps(deps), { accountId: userOf(res), domain, blocked }, metadataOf(res));
      await awaitProjection(deps, result);
      res.json({});
    });
  change('post', true);
  change('delete', false);
  return router;
}
