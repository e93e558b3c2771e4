import type { ReadModelStore } from '@strata/read-models';
import type { StatusDoc } from '../statuses/statuses.collection.ts';
import { type FilterContextName, type FilterDoc, filtersCollection } from './filters.collection.ts';
import { currentRelations } from '../visibility/relations-cache.ts';

/** One filter that matched a status, and what matched (Mastodon's FilterResult, before rendering). */
export interface FilterHit {
  filter: FilterDoc;
  keywordMatches: string[] | null;
  statusMatches: string[] | null;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wordChar = /^[\p{L}\p{N}_]$/u;

/** A keyword as Mastodon matches it: case-insensitive; whole words only where the keyword begins or ends with a word character. */
export function keywordPattern(keyword: string, wholeWord: boolean): RegExp {
  if (!wholeWord) return new RegExp(escape(keyword), 'iu');
  const start = wordChar.test(keyword.at(0) ?? '') ? '(?<![\\p{L}\\p{N}_])' : '';
  const end = wordChar.test(keyword.at(-1) ?? '') ? '(?![\\p{L}\\p{N}_])' : '';
  return new RegExp(`${start}${escape(keyword)}${end}`, 'iu');
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** The words a filter looks at: the content warning and the text without markup. */
function searchableText(doc: StatusDoc): string {
  const content = doc.contentHtml.replace(/<br\s*\/?>|<\/p>/gi, '\n').replace(/<[^>]+>/g, '').replace(/&(#39|amp|lt|gt|quot|apos|nbsp);/g, (_m, e: string) => entities[e] ?? '');
  return `${doc.spoilerText}\n${content}`;
}

/** Whether a filter applies in this context now (it may have expired). */
const inForce = (filter: FilterDoc, context: FilterContextName, now: Date) => filter.context.includes(context) && (filter.expiresAt === null || new Date(filter.expiresAt) > now);

/** The viewer's filters in force now for one context; none for anonymous viewers. */
export async function activeFilters(store: ReadModelStore, viewerId: string | null, context: FilterContextName, now: Date): Promise<FilterDoc[]> {
  if (!viewerId) return [];
  return (await activeFiltersOfMany(store, [viewerId], context, now)).get(viewerId)!;
}

/**
 * `activeFilters` of many viewers at one moment: one reading of the relations stamp (filters
 * change only through events, which stamp a change of relations), and the viewers not
 * cached under it loaded together.
 */
export async function activeFiltersOfMany(store: ReadModelStore, viewerIds: readonly string[], context: FilterContextName, now: Date): Promise<Map<string, FilterDoc[]>> {
  const byKey = await (await currentRelations(store)).many(viewerIds.map((id) => `filters:${id}`), async (keys) => {
    const ids = keys.map((key) => key.slice('filters:'.length));
    const filters = await filtersCollection(store).find({ where: { accountId: { $in: ids } } });
    const byViewer = new Map(ids.map((id) => [`filters:${id}`, [] as FilterDoc[]]));
    for (const filter of filters) byViewer.get(`filters:${filter.accountId}`)?.push(filter);
    return byViewer;
  });
  return new Map(viewerIds.map((id) => [id, byKey.get(`filters:${id}`)!.filter((f) => inForce(f, context, now))]));
}

/** Which of these filters match a status (the original, for a boost); a viewer's own statuses are never filtered. */
export function matchFilters(filters: FilterDoc[], doc: StatusDoc, viewerId: string | null): FilterHit[] {
  if (filters.length === 0 || doc.accountId === viewerId) return [];
  const text = searchableText(doc);
  const hits: FilterHit[] = [];
  for (const filter of filters) {
    const keywords = filter.keywords.filter((k) => keywordPattern(k.keyword, k.wholeWord).test(text)).map((k) => k.keyword);
    const statuses = filter.statuses.filter((s) => s.statusId === doc.id).map((s) => s.statusId);
    if (keywords.length || statuses.length) hits.push({ filter, keywordMatches: keywords.length ? keywords : null, statusMatches: statuses.length ? statuses : null });
  }
  return hits;
}
