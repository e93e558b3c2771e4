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
    /** Puts a min_id page back in newest-first order. */
    order<T>(items: T[], key: (item: T) => string): T[] {
      return ascending ? [...items].sort((a, b) => compareIds(key(b), key(a))) : items;
    },
  };
}

/** The Link header clients page with: next (older) and prev (newer) around what was returned. */
export function setLinkHeader(req: Request, res: Response, publicUrl: string, ids: string[]) {
  if (ids.length === 0) return;
  const url = (param: string, value: string) => {
    const target = new URL(req.originalUrl, publicUrl);
    for (const name of ['max_id', 'since_id', 'min_id']) target.searchParams.delete(name);
    target.searchParams.set(param, value);
    return `${publicUrl}${target.pathname}${target.search}`;
  };
  res.setHeader('Link', `<${url('max_id', ids.at(-1)!)}>; rel="next", <${url('min_id', ids[0]!)}>; rel="prev"`);
}
