import type { ReadModelStore } from '@strata/read-models';
import { accountsCollection } from '../accounts/accounts.view.ts';
import { excludingSuspended } from '../accounts/hidden-accounts.ts';
import { blocksCollection, followsCollection, mutesCollection } from './relationships.collection.ts';

/**
 * Counts move only when a follow really starts or ends, judged by the follow document
 * before the change: a redelivered event finds it already changed and moves nothing.
 * (Counting the followers of a popular account on every follow would be quadratic.)
 * A suspended account is left out of everyone's counts (put back by `recountFollowsOf`).
 */
export async function adjustFollowCounts(store: ReadModelStore, followerId: string, followedId: string, by: 1 | -1) {
  const accounts = accountsCollection(store);
  const [follower, followed] = await Promise.all([accounts.get(followerId), accounts.get(followedId)]);
  if (!followed?.suspended) await accounts.increment(followerId, { followingCount: by });
  if (!follower?.suspended) await accounts.increment(followedId, { followersCount: by });
}

/** The accounts on the other side of every follow of `accountId`, either way. */
async function counterparts(store: ReadModelStore, accountId: string): Promise<string[]> {
  const follows = followsCollection(store);
  const [followers, following] = await Promise.all([
    follows.find({ where: { followedId: accountId, state: 'following' } }),
    follows.find({ where: { followerId: accountId, state: 'following' } }),
  ]);
  return [...new Set([...followers.map((f) => f.followerId), ...following.map((f) => f.followedId)])];
}

/** Counts again, leaving suspended accounts out: idempotent, so a redelivered event changes nothing. */
async function recount(store: ReadModelStore, accountIds: string[]) {
  const follows = followsCollection(store);
  const [notSuspendedFollower, notSuspendedFollowed] = await Promise.all([excludingSuspended(store, 'followerId'), excludingSuspended(store, 'followedId')]);
  for (const id of accountIds) {
    const [followersCount, followingCount] = await Promise.all([
      follows.count({ followedId: id, state: 'following', ...notSuspendedFollower }),
      follows.count({ followerId: id, state: 'following', ...notSuspendedFollowed }),
    ]);
    await accountsCollection(store).patch(id, { followersCount, followingCount });
  }
}

/** After a suspension or its end: the counts of everyone the account follows or is followed by. */
export async function recountFollowsOf(store: ReadModelStore, accountId: string) {
  await recount(store, await counterparts(store, accountId));
}

/** A deleted account leaves no follow, request, block or mute behind, and no count that includes it. */
export async function forgetRelationshipsOf(store: ReadModelStore, accountId: string) {
  const others = await counterparts(store, accountId);
  const follows = followsCollection(store);
  await follows.deleteWhere({ followerId: accountId });
  await follows.deleteWhere({ followedId: accountId });
  for (const collection of [blocksCollection(store), mutesCollection(store)]) {
    await collection.deleteWhere({ accountId });
    await collection.deleteWhere({ targetId: accountId });
  }
  await recount(store, others);
}
