import { type FilterContextName, type StatusDoc, activeFiltersOfMany, effectiveQuotePolicies, markId, marksCollection, matchFilters, pollsCollection, quotesCollection, statusesCollection } from '@strata/views';
import type { PresenterDeps } from './deps.ts';

/** Whether one viewer's rendering of the status is their own, where it is shown (its filter context, if any). */
export type PersonalTouch = (viewerId: string | null, filterContext: FilterContextName | undefined) => boolean;

/**
 * For every viewer a streamed status goes to, whether anything personal would change its
 * rendering for them: a flag of theirs on it (or on what it boosts), their own status, a
 * filter of theirs matching, or a part every viewer sees differently (a poll, a quote, a
 * followers-only quote policy). Where nothing does, the viewer-independent rendering is
 * exactly theirs. What is the same for all viewers is read once and each kind of flag once
 * for all of them, so the queries per event do not grow with the number of recipients.
 */
export async function personalTouches(deps: PresenterDeps, viewerIds: readonly string[], doc: StatusDoc, filterContexts: readonly FilterContextName[]): Promise<PersonalTouch> {
  const viewers = [...new Set(viewerIds)];
  if (viewers.length === 0) return () => false;
  const store = await deps.readModels();
  const original = doc.reblogOfId ? await statusesCollection(store).get(doc.reblogOfId) : doc;
  const flagged = await flaggedBy(deps, viewers, [...new Set([doc.reblogOfId ?? doc.id, doc.id])]);
  if (original === null) return (viewerId) => viewerId !== null && flagged.has(viewerId);
  // a poll (votes), a quote (what of the quoted status each viewer may see) and a
  // followers-only quote policy (may this viewer quote) render per viewer, for every viewer
  const [polls, quote, policies] = await Promise.all([pollsCollection(store).count({ statusId: original.id }), quotesCollection(store).get(original.id), effectiveQuotePolicies(store, [original])]);
  const perViewer = polls > 0 || quote !== null || policies.get(original.id) === 'followers';
  const now = new Date();
  const filtering = new Map<FilterContextName, Set<string>>();
  for (const context of new Set(filterContexts)) {
    const filters = await activeFiltersOfMany(store, viewers, context, now);
    filtering.set(context, new Set(viewers.filter((viewerId) => matchFilters(filters.get(viewerId) ?? [], original, viewerId).length > 0)));
  }
  return (viewerId, filterContext) => {
    if (viewerId === null) return false;
    // the author's own view is theirs
    if (perViewer || flagged.has(viewerId) || original.accountId === viewerId) return true;
    return filterContext !== undefined && (filtering.get(filterContext)?.has(viewerId) ?? false);
  };
}

/** The viewers with a flag of theirs (favourite, boost, bookmark, pin, mute) on any of these statuses: one lookup per kind. */
async function flaggedBy(deps: PresenterDeps, viewers: string[], statusIds: string[]): Promise<Set<string>> {
  const store = await deps.readModels();
  const pairs = viewers.flatMap((viewerId) => statusIds.map((statusId) => markId(viewerId, statusId)));
  const kinds = ['favourite', 'bookmark', 'pin', 'mute'] as const;
  const [boosts, ...marks] = await Promise.all([
    statusesCollection(store).find({ where: { accountId: { $in: viewers }, reblogOfId: { $in: statusIds } } }),
    ...kinds.map((kind) => marksCollection(store, kind).getMany(pairs)),
  ]);
  return new Set([...boosts.map((boost) => boost.accountId), ...marks.flat().map((mark) => mark.accountId)]);
}
