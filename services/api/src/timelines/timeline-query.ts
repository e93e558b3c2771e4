import type { Request, Response } from 'express';
import type { Filter } from '@strata/read-models';
import { type IdRange, type StatusDoc, type TagQuery, type ViewerRelations, canView, loadViewer, showInFeed, statusesCollection, taggedStatusIds, withAuthorsOf } from '@strata/views';
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

/** Candidates of a timeline within a range of status ids, in `direction`, at most `limit` read. */
type Candidates = (range: IdRange, direction: 'asc' | 'desc', limit: number) => Promise<{ docs: StatusDoc[]; read: number; last: string | undefined }>;

/** Statuses matching a filter, read from the statuses read model. */
function matching(deps: ApiDeps, where: Filter, index: string[] | undefined): Candidates {
  return async (range, direction, limit) => {
    const store = await deps.readModels();
    const bounded = Object.keys(range).length > 0;
    const docs = await statusesCollection(store).find({ where: { ...where, ...(bounded && { id: range }) }, sort: { field: 'id', direction }, limit, ...(index && { index }) });
    return { docs, read: docs.length, last: docs.at(-1)?.id };
  };
}

/** Public statuses with any of some hashtags: ids from the status–tag read model, then the statuses. */
export function tagged(deps: ApiDeps, query: TagQuery): Candidates {
  return async (range, direction, limit) => {
    const store = await deps.readModels();
    const ids = await taggedStatusIds(store, query, range, direction, limit);
    return { docs: await statusesCollection(store).getMany(ids), read: ids.length, last: ids.at(-1) };
  };
}

/**
 * One page of a status timeline, shown through the visibility policy: read a little more
 * than asked so that statuses hidden from this viewer do not leave a short page.
 */
export async function statusTimeline(deps: ApiDeps, req: Request, res: Response, viewerId: string | null, params: PageParams, from: Filter | Candidates, options: TimelineOptions = {}) {
  const store = await deps.readModels();
  const page = pageQuery(params, 'id');
  const candidates = typeof from === 'function' ? from : matching(deps, from, options.index);
  let viewer = await loadViewer(store, viewerId, deps.clock.now());
  const shows = options.hideMuted === false ? canView : showInFeed;
  const shown: StatusDoc[] = [];
  let range = { ...(page.where['id'] as IdRange | undefined) };
  for (let round = 0; round < 4 && shown.length < page.limit; round++) {
    const batch = await candidates(range, page.sort.direction, page.limit * 2);
    viewer = await withAuthorsOf(store, viewer, batch.docs);
    for (const doc of batch.docs) {
      if (shown.length >= page.limit) break;
      if (shows(viewer, doc) && (!options.also || options.also(doc))) shown.push(doc);
    }
    if (batch.read < page.limit * 2 || !batch.last) break;
    range = page.sort.direction === 'desc' ? { ...range, $lt: batch.last } : { ...range, $gt: batch.last };
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
