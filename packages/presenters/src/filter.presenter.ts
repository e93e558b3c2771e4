import type { FilterDoc, FilterHit } from '@strata/views';

/** Mastodon's Filter entity (v2), with its keywords and filtered statuses. */
export function presentFilter(filter: FilterDoc) {
  return {
    id: filter.id,
    title: filter.title,
    context: filter.context,
    expires_at: filter.expiresAt,
    filter_action: filter.action,
    keywords: filter.keywords.map(presentFilterKeyword),
    statuses: filter.statuses.map((s) => ({ id: s.id, status_id: s.statusId })),
  };
}

export const presentFilterKeyword = (k: FilterDoc['keywords'][number]) => ({ id: k.id, keyword: k.keyword, whole_word: k.wholeWord });

/** Mastodon's FilterResult: which filter matched a status, and by which keywords or status. */
export function presentFilterResult(hit: FilterHit) {
  const { keywords: _keywords, statuses: _statuses, ...filter } = presentFilter(hit.filter);
  return { filter, keyword_matches: hit.keywordMatches, status_matches: hit.statusMatches };
}
