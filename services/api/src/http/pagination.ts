import type { Request, Response } from 'express';
import { z } from 'zod';
import { compareIds } from '@strata/kernel';
import type { Filter } from '@strata/read-models';

const id = z.string().regex(/^\d{1,20}$/, 'must be an id');

export const pageParams = z.object({
  max_id: id.optional(),
  since_id: id.optional(),
  min_id: id.optional(),
  limit: z.coerce.number().int().min(1).catch(20).default(20),
});
export type PageParams = z.infer<typeof pageParams>;

/**
 * Mastodon's paging over time-ordered ids: max_id (older than), since_id (newer than,
 * newest first), min_id (the page right after, oldest first, then shown newest first).
 */
export function pageQuery(params: PageParams, field: string, maxLimit = 40) {
  const range: Record<string, string> = {};
  if (params.max_id) range['$lt'] = params.max_id;
  const lower = params.min_id ?? params.since_id;
  if (lower) range['$gt'] = lower;
  const where: Filter = Object.keys(range).length ? { [field]: range } : {};
  const ascending = Boolean(params.min_id);
  return {
    where,
    sort: { field, direction: ascending ? ('asc' as const) : ('desc' as const) },
    limit: Math.min(params.limit, maxLimit),
    maxId: params.max_id,
    /** Puts a min_id page back in newest-first order. */
    order<T>(items: T[], key: (item: T) => string): T[] {
      return ascending ? [...items].sort((a, b) => compareIds(key(b), key(a))) : items;
    },
  };
}

/** Filters a next/prev page must keep (Mastodon carries them in its links); nothing else is echoed. */
const CARRIED_FILTERS = new Set(['local', 'remote', 'only_media', 'exclude_replies', 'exclude_reblogs', 'pinned', 'tagged', 'account_id', 'types', 'exclude_types', 'grouped_types', 'any', 'all', 'none']);
const FILTER_VALUE = /^[\p{L}\p{N}_.:-]{1,100}$/u;
const LIMIT_VALUE = /^\d{1,3}$/;
/** Longer than any real paging link; anything longer is left out rather than sent to clients that reject it. */
export const MAX_LINK_HEADER_LENGTH = 2000;

/** The query a next/prev link keeps: the limit and the known filters, when they look like what they are. */
function carriedQuery(req: Request): URLSearchParams {
  const carried = new URLSearchParams();
  const limit = req.query['limit'];
  if (typeof limit === 'string' && LIMIT_VALUE.test(limit)) carried.set('limit', limit);
  for (const [name, value] of Object.entries(req.query)) {
    if (!CARRIED_FILTERS.has(name)) continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.length > 20 || !values.every((v): v is string => typeof v === 'string' && FILTER_VALUE.test(v))) continue;
    for (const v of values) carried.append(Array.isArray(value) ? `${name}[]` : name, v);
  }
  return carried;
}

/**
 * The Link header clients page with: next (older) and prev (newer) around what was
 * returned, on the request's path with only the paging parameters; left out when it would
 * be absurdly long (a path with a huge segment).
 */
export function setLinkHeader(req: Request, res: Response, publicUrl: string, ids: string[]) {
  if (ids.length === 0) return;
  const path = new URL(req.originalUrl, publicUrl).pathname;
  const carried = carriedQuery(req);
  const url = (param: string, value: string) => {
    const query = new URLSearchParams(carried);
    query.set(param, value);
    return `${publicUrl}${path}?${query}`;
  };
  const link = `<${url('max_id', ids.at(-1)!)}>; rel="next", <${url('min_id', ids[0]!)}>; rel="prev"`;
  if (link.length <= MAX_LINK_HEADER_LENGTH) res.setHeader('Link', link);
}
