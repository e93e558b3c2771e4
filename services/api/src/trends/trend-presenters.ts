import type { ReadModelStore } from '@strata/read-models';
import { type TrendDoc, dailyUses, loadViewer, statusesCollection } from '@strata/views';
import { presentStatuses } from '@strata/presenters';
import type { ApiDeps } from '../http/deps.ts';
import { presentTag } from '../search/tags.routes.ts';

export const presentTrendTags = (deps: ApiDeps, store: ReadModelStore, docs: TrendDoc[], viewer: string | null) =>
  Promise.all(docs.map((doc) => presentTag(deps, store, doc.key, viewer)));

/** Trending statuses as the viewer may see them: the visibility policy drops any it may not (or no longer) see. */
export async function presentTrendStatuses(deps: ApiDeps, store: ReadModelStore, docs: TrendDoc[], viewer: string | null) {
  const statuses = await statusesCollection(store).getMany(docs.map((d) => d.key));
  const byId = new Map(statuses.map((s) => [s.id, s]));
  const ordered = docs.flatMap((d) => (byId.has(d.key) ? [byId.get(d.key)!] : []));
  return presentStatuses(deps, await loadViewer(store, viewer, deps.clock.now()), ordered);
}

/**
 * Trending links as PreviewCards. Strata does not fetch link previews here, so a card
 * carries the link itself (title: its address) and a week of daily uses (accounts sharing it).
 */
export async function presentTrendLinks(store: ReadModelStore, docs: TrendDoc[], now: Date) {
  return Promise.all(docs.map(async (doc) => {
    const url = new URL(doc.key);
    const history = (await dailyUses(store, doc.id, now)).map(({ day, accounts }) => ({ day: String(Date.parse(day) / 1000), uses: String(accounts), accounts: String(accounts) }));
    return {
      url: doc.key,
      title: `${url.hostname}${url.pathname === '/' ? '' : url.pathname}`,
      description: '',
      type: 'link',
      author_name: '',
      author_url: '',
      provider_name: url.hostname,
      provider_url: url.origin,
      html: '',
      width: 0,
      height: 0,
      image: null,
      embed_url: '',
      blurhash: null,
      history,
    };
  }));
}
