import { HOME_FEED_MAX, type StatusDoc, followsCollection, homeFeed, statusesCollection } from '@strata/views';
import type { ReadModelStore } from '@strata/read-models';

/**
 * The page of a home timeline older than what its feed keeps (feeds are trimmed to
 * `HOME_FEED_MAX` entries): the statuses of the accounts the owner follows and its own,
 * by a query, as the feed would have held them (no direct posts, no replies to accounts
 * the owner does not follow, no boosts). Only for feeds that have been full: a feed that
 * never reached the bound holds its whole history.
 */
export async function olderThanFeed(store: ReadModelStore, ownerId: string, before: string | undefined, limit: number): Promise<StatusDoc[]> {
  if ((await homeFeed(store).count({ ownerId })) < HOME_FEED_MAX) return [];
  const following = new Set((await followsCollection(store).find({ where: { followerId: ownerId, state: 'following' } })).map((f) => f.followedId));
  following.add(ownerId);
  const docs = await statusesCollection(store).find({
    where: { accountId: { $in: [...following] }, reblogOfId: null, visibility: { $in: ['public', 'unlisted', 'private'] }, ...(before && { id: { $lt: before } }) },
    sort: { field: 'id', direction: 'desc' },
    limit: limit * 2,
  });
  return docs.filter((doc) => !doc.inReplyToAccountId || following.has(doc.inReplyToAccountId)).slice(0, limit);
}
