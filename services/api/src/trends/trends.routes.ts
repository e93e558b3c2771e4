import { Router } from 'express';
import { z } from 'zod';
import { query } from '@strata/http';
import { NotFoundError } from '@strata/kernel';
import { type TrendKind, type TrendReview, statusesLinking, topTrends, trendId, trendsCollection } from '@strata/views';
import { pageParams } from '../http/pagination.ts';
import { statusTimeline } from '../timelines/timeline-query.ts';
import { callerOf } from '../auth/authentication.ts';
import type { ApiDeps } from '../http/deps.ts';
import { presentTrendLinks, presentTrendStatuses, presentTrendTags } from './trend-presenters.ts';

const page = (defaultLimit: number, maxLimit: number) =>
  z.object({ limit: z.coerce.number().int().min(1).catch(defaultLimit).default(defaultLimit).transform((n) => Math.min(n, maxLimit)), offset: z.coerce.number().int().min(0).max(10_000).default(0) });

/** Public trends (Mastodon's limits): only what a moderator approved, unless the instance shows unreviewed items too. */
export function trendRoutes(deps: ApiDeps): Router {
  const router = Router();
  const reviews: TrendReview[] = deps.config.trends.showUnreviewed ? ['approved', 'pending'] : ['approved'];
  const top = async (kind: TrendKind, params: { limit: number; offset: number }) => {
    const store = await deps.readModels();
    return { store, docs: (await topTrends(store, kind, deps.clock.now(), reviews, params.limit, params.offset)).map((t) => t.doc) };
  };
  const viewerOf = (res: Parameters<typeof callerOf>[0]) => callerOf(res)?.accountId ?? null;

  router.get(['/api/v1/trends', '/api/v1/trends/tags'], async (req, res) => {
    const { store, docs } = await top('tag', query(req, page(10, 20)));
    res.json(await presentTrendTags(deps, store, docs, viewerOf(res)));
  });
  router.get('/api/v1/trends/statuses', async (req, res) => {
    const { store, docs } = await top('status', query(req, page(20, 40)));
    res.json(await presentTrendStatuses(deps, store, docs, viewerOf(res)));
  });
  router.get('/api/v1/trends/links', async (req, res) => {
    const { store, docs } = await top('link', query(req, page(10, 20)));
    res.json(await presentTrendLinks(store, docs, deps.clock.now()));
  });
  // Mastodon 4.3: the public statuses linking a link while it trends (404 otherwise)
  router.get('/api/v1/timelines/link', async (req, res) => {
    const params = query(req, linkTimelineParams);
    const store = await deps.readModels();
    const trend = await trendsCollection(store).get(trendId('link', params.url));
    if (!trend || !reviews.includes(trend.review)) throw new NotFoundError();
    const linking = await statusesLinking(store, trend.id, 400);
    await statusTimeline(deps, req, res, viewerOf(res), params, { id: { $in: linking }, visibility: 'public', reblogOfId: null } as never, { filterContext: 'public' });
  });
  return router;
}

// the key trends count a link by: the URL as parsed (`findLinks` gives hrefs)
const linkTimelineParams = pageParams.extend({ url: z.string().max(4096).url().transform((url) => new URL(url).href) });
