import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@strata/kernel';
import { reviewTrend } from '@strata/commands';
import { query } from '@strata/http';
import { type TrendDoc, type TrendKind, topTrends, trendId, trendsCollection } from '@strata/views';
import { userOf } from '../auth/authentication.ts';
import { awaitProjection, commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { presentTrendLinks, presentTrendStatuses, presentTrendTags } from '../trends/trend-presenters.ts';
import { requireStaff } from './staff-gate.ts';

const KINDS = { tags: 'tag', statuses: 'status', links: 'link' } as const satisfies Record<string, TrendKind>;
const listParams = z.object({ limit: z.coerce.number().int().min(1).catch(20).default(20).transform((n) => Math.min(n, 100)), offset: z.coerce.number().int().min(0).max(10_000).default(0) });
/** The admin id of an item: a tag's name, a status's id, a link's trend id. */
const idOf = (kind: TrendKind, doc: { id: string; key: string }) => (kind === 'link' ? doc.id : doc.key);

/** Admin::Tag, Status or PreviewCard entities, each with its review state. */
async function presentForStaff(deps: ApiDeps, kind: TrendKind, docs: TrendDoc[], moderator: string) {
  const store = await deps.readModels();
  const review = new Map(docs.map((d) => [idOf(kind, d), { requires_review: d.review === 'pending', trendable: d.review === 'approved' }]));
  const entities: Record<string, unknown>[] =
    kind === 'tag' ? await presentTrendTags(deps, store, docs, moderator) : kind === 'status' ? await presentTrendStatuses(deps, store, docs, moderator) : await presentTrendLinks(store, docs, deps.clock.now());
  return entities.map((entity, index) => {
    const id = kind === 'tag' ? String(entity['name']) : kind === 'status' ? String(entity['id']) : docs[index]!.id;
    return { ...entity, id, ...review.get(id), ...(kind === 'tag' && { usable: true, listable: true }) };
  });
}

/** Trends as moderators review them: every trending item, reviewed or not, approved or rejected one by one. */
export function adminTrendRoutes(deps: ApiDeps): Router {
  const router = Router();
  for (const [path, kind] of Object.entries(KINDS)) {
    router.get(`/api/v1/admin/trends/${path}`, ...requireStaff(deps, 'admin:read'), async (req, res) => {
      const params = query(req, listParams);
      const items = await topTrends(await deps.readModels(), kind, deps.clock.now(), ['pending', 'approved', 'rejected'], params.limit, params.offset);
      res.json(await presentForStaff(deps, kind, items.map((i) => i.doc), userOf(res)));
    });
    for (const decision of ['approve', 'reject'] as const) {
      router.post(`/api/v1/admin/trends/${path}/:id/${decision}`, ...requireStaff(deps, 'admin:write'), async (req, res) => {
        const id = String(req.params.id);
        const trends = trendsCollection(await deps.readModels());
        const docId = kind === 'link' ? id : trendId(kind, kind === 'tag' ? id.toLowerCase() : id);
        const doc = await trends.get(docId);
        if (!doc) throw new NotFoundError();
        const input = { kind, key: doc.key, streamKey: doc.id, decision: decision === 'approve' ? ('approved' as const) : ('rejected' as const), byAccountId: userOf(res) };
        await awaitProjection(deps, await reviewTrend(await commandDeps(deps), input, metadataOf(res)));
        const [entity] = await presentForStaff(deps, kind, [(await trends.get(docId)) ?? doc], userOf(res));
        if (!entity) throw new NotFoundError();
        res.json(entity);
      });
    }
  }
  return router;
}
