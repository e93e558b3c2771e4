import type { AnnualReportData } from '@strata/contracts';
import type { ReadModelStore } from '@strata/read-models';
import { pollsCollection } from '../polls/polls.collection.ts';
import { followsCollection } from '../relationships/relationships.collection.ts';
import { type StatusDoc, statusesCollection } from '../statuses/statuses.collection.ts';

const TOP_HASHTAGS = 5;

/**
 * An account's year from the read models, in the shape of Mastodon's report (schema 2):
 * its statuses, new follows and new followers per month, its most used hashtags, its
 * most boosted, favourited and replied-to posts, and an archetype read from what it did
 * most. Null when it posted nothing that year: there is nothing to sum up.
 */
export async function computeAnnualReport(store: ReadModelStore, accountId: string, year: number): Promise<AnnualReportData | null> {
  const during = { $gte: new Date(Date.UTC(year, 0, 1)).toISOString(), $lt: new Date(Date.UTC(year + 1, 0, 1)).toISOString() };
  const statuses = await statusesCollection(store).find({ where: { accountId, createdAt: during } });
  if (statuses.length === 0) return null;
  const [following, followers, polls] = await Promise.all([
    followsCollection(store).find({ where: { followerId: accountId, state: 'following', createdAt: during } }),
    followsCollection(store).find({ where: { followedId: accountId, state: 'following', createdAt: during } }),
    pollsCollection(store).count({ accountId, statusId: { $in: statuses.map((s) => s.id) } }),
  ]);
  const month = (iso: string) => new Date(iso).getUTCMonth() + 1;
  const perMonth = (items: { createdAt: string }[], m: number) => items.filter((item) => month(item.createdAt) === m).length;
  const own = statuses.filter((s) => s.reblogOfId === null);
  const tagCounts = new Map<string, number>();
  for (const tag of own.flatMap((s) => s.tags)) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
  const top = (count: (s: StatusDoc) => number) => own.filter((s) => count(s) > 0).sort((a, b) => count(b) - count(a))[0]?.id ?? null;
  return {
    archetype: archetypeOf(statuses.length - own.length, own, polls),
    time_series: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, statuses: perMonth(statuses, i + 1), following: perMonth(following, i + 1), followers: perMonth(followers, i + 1) })),
    top_hashtags: [...tagCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP_HASHTAGS).map(([name, count]) => ({ name, count })),
    top_statuses: { by_reblogs: top((s) => s.reblogsCount), by_favourites: top((s) => s.favouritesCount), by_replies: top((s) => s.repliesCount) },
  };
}

/**
 * Boosting more than posting makes a booster; then a poll in every tenth post, a
 * pollster; more replies than other posts, a replier; else an oracle. (Mastodon's
 * `lurker` is for those who posted nothing, who get no report here.)
 */
function archetypeOf(boosts: number, own: StatusDoc[], polls: number): AnnualReportData['archetype'] {
  const replies = own.filter((s) => s.inReplyToId !== null).length;
  if (boosts > own.length) return 'booster';
  if (polls * 10 >= own.length) return 'pollster';
  if (replies * 2 > own.length) return 'replier';
  return 'oracle';
}
