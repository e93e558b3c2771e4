import type { Request, Response } from 'express';
import type { Filter } from '@strata/read-models';
import { type StatusDoc, hiddenAccounts, statusesCollection } from '@strata/views';
import type { ApiDeps } from '../http/deps.ts';
import { type PageParams, pageQuery, setLinkHeader } from '../http/pagination.ts';
import { presentStatuses } from '@strata/presenters';
import { canSee } from '@strata/presenters';

/**
 * One page of a status timeline: read a little more than asked so that statuses hidden
 * from this viewer (blocked, muted, not visible) do not leave a short page.
 */
export async function statusTimeline(
  deps: ApiDeps,
  req: Request,
  res: Response,
  viewer: string | null,
  params: PageParams,
  where: Filter,
  options: { checkVisibility?: boolean; hideMuted?: boolean } = {},
) {
  const store = await deps.readModels();
  const page = pageQuery(params, 'id');
  const hidden = viewer ? await hiddenAccounts(store, viewer, deps.clock.now(), options.hideMuted ?? true) : new Set<string>();
  const shown: StatusDoc[] = [];
  let cursor = page.where;
  for (let round = 0; round < 3 && shown.length < page.limit; round++) {
    const batch = await statusesCollection(store).find({ where: { ...where, ...cursor }, sort: page.sort, limit: page.limit * 2 });
    for (const doc of batch) {
      if (shown.length >= page.limit) break;
      if (hidden.has(doc.accountId) || (doc.reblogOfAccountId && hidden.has(doc.reblogOfAccountId))) continue;
      if (options.checkVisibility && !(await canSee(store, viewer, doc))) continue;
      shown.push(doc);
    }
    if (batch.length < page.limit * 2) break;
    const last = batch.at(-1)!.id;
    cursor = { id: page.sort.direction === 'desc' ? { ...(cursor['id'] as object), $lt: last } : { ...(cursor['id'] as object), $gt: last } };
  }
  const ordered = page.order(shown, (s) => s.id);
  setLinkHeader(req, res, deps.config.publicUrl, ordered.map((s) => s.id));
  res.json(await presentStatuses(deps, viewer, ordered));
}
