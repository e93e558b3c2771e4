import type { Request, Response } from 'express';
import type { Filter } from '@strata/read-models';
import { type StatusDoc, type ViewerRelations, canView, loadViewer, showInFeed, statusesCollection, withAuthorsOf } from '@strata/views';
import { type PresentOptions, presentStatuses } from '@strata/presenters';
import type { ApiDeps } from '../http/deps.ts';
import { type PageParams, pageQuery, setLinkHeader } from '../http/pagination.ts';

export interface TimelineOptions extends PresentOptions {
  /** Feeds (public, hashtag, list) leave muted accounts out; an account's own timeline does not. */
  hideMuted?: boolean;
  /** A condition a query cannot express (all of several hashtags). */
  also?: (doc: StatusDoc) => boolean;
  /** The statuses index to search where the planner would pick a worse one (see FindOptions.index). */
  index?: string[];
}

/**
 * One page of a status timeline, shown through the visibility policy: read a little more
 * than asked so that statuses hidden from this viewer do not leave a short page.
 */
export async function statusTimeline(deps: ApiDeps, req: Request, res: Response, viewerId: string | null, params: PageParams, where: Filter, options: TimelineOptions = {}) {
  const store = await deps.readModels();
  const page = pageQuery(params, 'id');
  let viewer = await loadViewer(store, viewerId, deps.clock.now());
  const shows = options.hideMuted === false ? canView : showInFeed;
  const shown: StatusDoc[] = [];
  let cursor = page.where;
  for (let round = 0; round < 4 && shown.length < page.limit; round++) {
    const batch = await statusesCollection(store).find({ where: { ...where, ...cursor }, sort: page.sort, limit: page.limit * 2, ...(options.index && { index: options.index }) });
    viewer = await withAuthorsOf(store, viewer, batch);
    for (const doc of batch) {
      if (shown.length >= page.limit) break;
      if (shows(viewer, doc) && (!options.also || options.also(doc))) shown.push(doc);
    }
    if (batch.length < page.limit * 2) break;
    const last = batch.at(-1)!.id;
    cursor = { id: page.sort.direction === 'desc' ? { ...(cursor['id'] as object), $lt: last } : { ...(cursor['id'] as object), $gt: last } };
  }
  const ordered = page.order(shown, (s) => s.id);
  setLinkHeader(req, res, deps.config.publicUrl, ordered.map((s) => s.id));
  res.json(await presentStatuses(deps, viewer, ordered, { ...(options.filterContext && { filterContext: options.filterContext }) }));
}

/** The docs of a list of statuses (favourites, bookmarks, pins, home) that this viewer may see, in order. */
export async function visibleDocs(deps: ApiDeps, viewer: ViewerRelations, docs: StatusDoc[], feed = false): Promise<{ viewer: ViewerRelations; docs: StatusDoc[] }> {
  const store = await deps.readModels();
  const loaded = await withAuthorsOf(store, viewer, docs);
  return { viewer: loaded, docs: docs.filter((doc) => (feed ? showInFeed : canView)(loaded, doc)) };
}
