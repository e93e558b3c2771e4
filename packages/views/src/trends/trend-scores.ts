import { createHash } from 'node:crypto';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';

export type TrendKind = 'tag' | 'status' | 'link';
export type TrendReview = 'pending' | 'approved' | 'rejected';

/**
 * A trending item's score: every use adds one, and the whole score halves every
 * half-life. Stored with the time it was last brought up to date, so a read decays it to
 * now: a sliding window with exponential decay, O(1) per event.
 */
export interface TrendDoc extends Doc {
  kind: TrendKind;
  /** Tag name (lowercase), status id, or URL. */
  key: string;
  score: number;
  scoredAt: string;
  review: TrendReview;
  reviewedAt: string | null;
}
/** One account's use of one item on one day: counted once, so nobody trends alone. */
interface UseDoc extends Doc {
  trendId: string;
  /** YYYY-MM-DD */
  day: string;
}

export const HALF_LIFE_MS: Record<TrendKind, number> = { tag: 12 * 3_600_000, status: 6 * 3_600_000, link: 12 * 3_600_000 };

export function trendsCollection(store: ReadModelStore): Collection<TrendDoc> {
  return store.collection<TrendDoc>('trends', { indexes: [['kind', 'score'], ['kind', 'key']] });
}
function trendUsesCollection(store: ReadModelStore): Collection<UseDoc> {
  return store.collection<UseDoc>('trend_uses', { indexes: [['trendId', 'day']] });
}

/** A public status linking a URL: what the link timeline (`/api/v1/timelines/link`) lists. */
export interface LinkStatusDoc extends Doc {
  trendId: string;
  statusId: string;
}

export function linkStatusesCollection(store: ReadModelStore): Collection<LinkStatusDoc> {
  return store.collection<LinkStatusDoc>('trend_link_statuses', { indexes: [['trendId', 'statusId'], ['statusId']], numericStringFields: ['statusId'] });
}

/** The newest statuses linking a trending link, newest first. */
export async function statusesLinking(store: ReadModelStore, id: string, limit: number): Promise<string[]> {
  const docs = await linkStatusesCollection(store).find({ where: { trendId: id }, sort: { field: 'statusId', direction: 'desc' }, limit });
  return docs.map((doc) => doc.statusId);
}

/** How many accounts used the item on each of the last seven days (today first). */
export async function dailyUses(store: ReadModelStore, id: string, now: Date): Promise<{ day: string; accounts: number }[]> {
  const days = Array.from({ length: 7 }, (_, back) => new Date(now.getTime() - back * 86_400_000).toISOString().slice(0, 10));
  const uses = await trendUsesCollection(store).find({ where: { trendId: id, day: { $in: days } } });
  return days.map((day) => ({ day, accounts: uses.filter((u) => u.day === day).length }));
}

/** The id of an item: URLs are hashed to keep ids short and path-safe. */
export function trendId(kind: TrendKind, key: string): string {
  return kind === 'link' ? `link-${createHash('sha256').update(key).digest('hex').slice(0, 24)}` : `${kind}-${key}`;
}

export function decayed(doc: Pick<TrendDoc, 'kind' | 'score' | 'scoredAt'>, at: number): number {
  const elapsed = Math.max(0, at - Date.parse(doc.scoredAt));
  return doc.score * 0.5 ** (elapsed / HALF_LIFE_MS[doc.kind]);
}

/** Counts one account's use of an item at `at`, once per account, item and day. */
export async function countUse(store: ReadModelStore, kind: TrendKind, key: string, accountId: string, at: string) {
  const id = trendId(kind, key);
  if (!(await trendUsesCollection(store).insert({ id: `${id}:${accountId}:${at.slice(0, 10)}`, trendId: id, day: at.slice(0, 10) }))) return;
  const trends = trendsCollection(store);
  const current = await trends.get(id);
  const time = Date.parse(at);
  // events of different streams come in any order: an older use decays into a newer score instead
  const base = current ? (time >= Date.parse(current.scoredAt) ? decayed(current, time) : current.score) : 0;
  const bonus = current && time < Date.parse(current.scoredAt) ? decayed({ kind, score: 1, scoredAt: at }, Date.parse(current.scoredAt)) : 1;
  const scoredAt = current && time < Date.parse(current.scoredAt) ? current.scoredAt : at;
  await trends.upsert({ id, kind, key, score: base + bonus, scoredAt, review: current?.review ?? 'pending', reviewedAt: current?.reviewedAt ?? null });
}

/** Items of a kind by their score now, highest first (the index orders by stored score; decay reorders). */
export async function topTrends(store: ReadModelStore, kind: TrendKind, now: Date, reviews: TrendReview[], limit: number, offset: number) {
  const candidates = await trendsCollection(store).find({ where: { kind, review: { $in: reviews } }, sort: { field: 'score', direction: 'desc' }, limit: 500 });
  const at = now.getTime();
  return candidates
    .map((doc) => ({ doc, score: decayed(doc, at) }))
    .filter((item) => item.score >= 0.05)
    .sort((a, b) => b.score - a.score)
    .slice(offset, offset + limit);
}
