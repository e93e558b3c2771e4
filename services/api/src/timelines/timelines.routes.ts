import { type Response, Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@strata/kernel';
import { query } from '@strata/http';
import { homeFeed, loadViewer, marksCollection, shownAccount, statusesCollection } from '@strata/views';
import { formBoolean } from '../accounts/params.ts';
import { callerOf, requireScope, userOf } from '../auth/authentication.ts';
import type { ApiDeps } from '../http/deps.ts';
import { pageParams, pageQuery, setLinkHeader } from '../http/pagination.ts';
import { presentStatuses } from '@strata/presenters';
import { askBackfillOnFirstView } from './remote-backfill.ts';
import { statusTimeline, tagged, visibleDocs } from './timeline-query.ts';
import { olderThanFeed } from './home-timeline.ts';

const publicParams = pageParams.extend({ local: formBoolean.optional(), remote: formBoolean.optional(), only_media: formBoolean.optional() });
const tagParams = publicParams.extend({
  any: z.union([z.string(), z.array(z.string())]).optional(),
  all: z.union([z.string(), z.array(z.string())]).optional(),
  none: z.union([z.string(), z.array(z.string())]).optional(),
});
const accountStatusesParams = pageParams.extend({
  pinned: formBoolean.optional(),
  exclude_replies: formBoolean.optional(),
  exclude_reblogs: formBoolean.optional(),
  only_media: formBoolean.optional(),
  tagged: z.string().optional(),
});
const list = (value: string | string[] | undefined) => (value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((t) => t.toLowerCase()));

/** Home, public, hashtag and account timelines; favourites and bookmarks. */
export function timelineRoutes(deps: ApiDeps): Router {
  const router = Router();
  const viewerOf = (res: Response) => callerOf(res)?.accountId ?? null;

  router.get('/api/v1/timelines/home', requireScope('read:statuses'), async (req, res) => {
    const viewer = userOf(res);
    const store = await deps.readModels();
    const params = query(req, pageParams);
    const page = pageQuery(params, 'statusId');
    const entries = await homeFeed(store).page(viewer, { below: params.max_id, above: params.min_id ?? params.since_id, direction: page.sort.direction, limit: page.limit });
    const docs = await statusesCollection(store).getMany(page.order(entries, (e) => e.statusId).map((e) => e.statusId));
    // past the end of a trimmed feed, older pages come from a query
    const before = entries.at(-1)?.statusId ?? page.maxId;
    if (entries.length < page.limit && page.sort.direction === 'desc') docs.push(...(await olderThanFeed(store, viewer, before, page.limit - entries.length)));
    const shown = await visibleDocs(deps, await loadViewer(store, viewer, deps.clock.now()), docs, true);
    setLinkHeader(req, res, deps.config.publicUrl, docs.map((d) => d.id));
    res.json(await presentStatuses(deps, shown.viewer, shown.docs, { filterContext: 'home' }));
  });

  router.get('/api/v1/timelines/public', async (req, res) => {
    const params = query(req, publicParams);
    // every status here is local until federation lands: remote=true is an empty timeline
    const where = { visibility: 'public', reblogOfId: null, local: params.remote ? false : true, ...(params.only_media && { hasMedia: true }) };
    await statusTimeline(deps, req, res, viewerOf(res), params, where, { filterContext: 'public' });
  });

  router.get('/api/v1/timelines/tag/:hashtag', async (req, res) => {
    const params = query(req, tagParams);
    const tag = String(req.params.hashtag).toLowerCase();
    const all = list(params.all);
    const none = list(params.none);
    // local and remote together ask for nothing narrower (Mastodon reads local first)
    const local = params.local ? true : params.remote ? false : undefined;
    const from = tagged(deps, { tags: [tag, ...list(params.any)], ...(local !== undefined && { local }), ...(params.only_media && { hasMedia: true }) });
    // "all" and "none" are checked on each status's own tags, which the page hydrates anyway
    const also = all.length || none.length ? (doc: { tags: string[] }) => all.every((t) => doc.tags.includes(t)) && !none.some((t) => doc.tags.includes(t)) : undefined;
    await statusTimeline(deps, req, res, viewerOf(res), params, from, { filterContext: 'public', ...(also && { also }) });
  });

  router.get('/api/v1/accounts/:id/statuses', async (req, res) => {
    const params = query(req, accountStatusesParams);
    const store = await deps.readModels();
    const account = await shownAccount(store, req.params.id);
    if (!account) throw new NotFoundError();
    const viewer = viewerOf(res);
    await askBackfillOnFirstView(deps, res, account, !params.max_id && !params.min_id && !params.since_id);
    if (params.pinned) {
      const pins = await marksCollection(store, 'pin').find({ where: { accountId: account.id }, sort: { field: 'markId', direction: 'desc' } });
      // the presenter leaves out pinned statuses this viewer may not see (a pinned private post)
      const docs = await statusesCollection(store).getMany(pins.map((p) => p.statusId));
      return void res.json(await presentStatuses(deps, viewer, docs, { filterContext: 'account' }));
    }
    const where: Record<string, unknown> = { accountId: account.id };
    // a boost carries no attachments of its own
    if (params.only_media) Object.assign(where, { hasMedia: true, reblogOfId: null });
    if (params.exclude_reblogs) where['reblogOfId'] = null;
    if (params.exclude_replies) where['inReplyToId'] = null;
    if (params.tagged) where['tags'] = params.tagged.toLowerCase();
    await statusTimeline(deps, req, res, viewer, params, where as never, { hideMuted: false, filterContext: 'account' });
  });

  for (const kind of ['favourite', 'bookmark'] as const) {
    router.get(`/api/v1/${kind}s`, requireScope(`read:${kind}s`), async (req, res) => {
      const viewer = userOf(res);
      const store = await deps.readModels();
      const page = pageQuery(query(req, pageParams), 'markId');
      const marks = page.order(await marksCollection(store, kind).find({ where: { ...page.where, accountId: viewer }, sort: page.sort, limit: page.limit }), (m) => m.markId);
      const docs = await statusesCollection(store).getMany(marks.map((m) => m.statusId));
      setLinkHeader(req, res, deps.config.publicUrl, marks.map((m) => m.markId));
      res.json(await presentStatuses(deps, viewer, docs));
    });
  }
  return router;
}
