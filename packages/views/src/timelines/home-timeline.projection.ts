import type { RecordedEvent } from '@strata/kernel';
import { type StatusContent, strataEvents } from '@strata/contracts';
import type { FeedMatch, ReadModelStore } from '@strata/read-models';
import { anyErased } from '../accounts/hidden-accounts.ts';
import { anyErasedIn, followerIdsOf, tagFollowersIn } from '../projection/remembered-relations.ts';
import { type Projection, type ProjectionContext, channels } from '../projection/projection.ts';
import { statusesCollection } from '../statuses/statuses.collection.ts';
import { fanOut, homeFeed, notYetSeenBoost, trimFeed } from './home-feed.ts';

/** How many recent statuses of a newly followed account enter the follower's home timeline. */
const BACKFILL = 40;

type Publish = ProjectionContext['publish'];

/**
 * The one writer of home timelines: posts and boosts fan out on write, a new follow
 * backfills, an unfollow, a deletion or an erasure purges. Local and remote statuses
 * arrive as the same events, so they take the same path. It runs before the statuses,
 * reactions and relationships projections, so it sees a deleted status's boosts and
 * a redelivered post as already projected, as they do.
 */
export const homeTimelineProjection: Projection = {
  name: 'home-timeline',
  handles: new Set(['StatusPosted', 'StatusReblogged', 'StatusUnreblogged', 'StatusDeleted', 'AccountFollowed', 'FollowEnded', 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const store = context.readModels;
    switch (event?.type) {
      case 'StatusPosted': {
        const { statusId, accountId } = event.data;
        if ((await statusesCollection(store).get(statusId)) || (await anyErasedIn(context, [accountId]))) return;
        const tags = event.data.visibility === 'public' ? ((await context.personalData.unseal<StatusContent>(event.data.content))?.tags ?? []) : [];
        const audience = await postAudience(context, { ...event.data, tags });
        await fanOut(store, audience, { statusId, authorId: accountId, reblogOfId: null });
        announceTo(context.publish, audience, { event: 'update', statusId });
        return;
      }
      case 'StatusReblogged': {
        const { reblogId, accountId, statusId, statusAccountId } = event.data;
        const statuses = statusesCollection(store);
        if ((await anyErasedIn(context, [accountId, statusAccountId])) || !(await statuses.get(statusId)) || (await statuses.get(reblogId))) return;
        const followers = await followerIdsOf(context, accountId, 'reblogs');
        // a boost of something already on someone's screen lately is not shown to them again
        const audience = [accountId, ...(await notYetSeenBoost(store, followers, statusId, await boostsOf(store, [statusId])))];
        await fanOut(store, audience, { statusId: reblogId, authorId: accountId, reblogOfId: statusId });
        announceTo(context.publish, audience, { event: 'update', statusId: reblogId });
        return;
      }
      case 'StatusUnreblogged':
        return purge(store, context.publish, { statusIds: [event.data.reblogId] });
      case 'StatusDeleted':
        // the status and every boost of it
        return purge(store, context.publish, { statusIds: [event.data.statusId, ...(await boostsOf(store, [event.data.statusId]))] });
      case 'AccountFollowed': {
        const { followerId, followedId } = event.data;
        if (!(await anyErased(store, [followerId, followedId]))) await backfill(store, followerId, followedId);
        return;
      }
      case 'FollowEnded':
        await homeFeed(store).remove({ ownerId: event.data.followerId, authorId: event.data.followedId });
        return;
      case 'AccountDeleted':
        return purgeAccount(store, event.data.accountId, context.publish);
    }
  },
};

/** Who gets a new status: its author, the followers it reaches, and for public ones those following its tags. */
async function postAudience(
  context: ProjectionContext,
  post: { accountId: string; visibility: string; mentionedAccountIds: string[]; inReplyToAccountId: string | null; tags: string[] },
): Promise<Set<string>> {
  const audience = new Set<string>([post.accountId]);
  if (post.visibility === 'direct') {
    for (const id of post.mentionedAccountIds) audience.add(id);
    return audience;
  }
  const followers = await followerIdsOf(context, post.accountId);
  // a reply reaches a follower only if they also follow the account replied to, as in Mastodon
  const repliedTo = post.inReplyToAccountId && post.inReplyToAccountId !== post.accountId ? post.inReplyToAccountId : null;
  const alsoFollowing = repliedTo ? new Set(await followerIdsOf(context, repliedTo)) : null;
  for (const follower of followers) if (!alsoFollowing || alsoFollowing.has(follower) || follower === repliedTo) audience.add(follower);
  if (post.visibility === 'public') for (const id of await tagFollowersIn(context, post.tags)) audience.add(id);
  return audience;
}

/** Tells each owner's open streams of a new entry: one message for all, so the projector encodes it once. */
function announceTo(publish: Publish, owners: Iterable<string>, message: { event: 'update'; statusId: string }) {
  for (const owner of owners) publish(channels.user(owner), message);
}

/** Removes matching entries, telling each owner's open streams. */
async function purge(store: ReadModelStore, publish: Publish, match: FeedMatch) {
  const feed = homeFeed(store);
  for (const entry of await feed.find(match)) publish(channels.user(entry.ownerId), { event: 'delete', statusId: entry.statusId });
  await feed.remove(match);
}

/** An erased account's own timeline, its statuses and boosts in others', and others' boosts of its statuses. */
async function purgeAccount(store: ReadModelStore, accountId: string, publish: Publish) {
  const feed = homeFeed(store);
  await feed.remove({ ownerId: accountId });
  // everything it wrote (statuses and boosts) and every boost of its statuses, found through the statuses
  const written = (await statusesCollection(store).find({ where: { accountId } })).map((s) => s.id);
  const ids = [...written, ...(await boostsOf(store, written))];
  for (let i = 0; i < ids.length; i += 500) await purge(store, publish, { statusIds: ids.slice(i, i + 500) });
}

/** The ids of the boosts of these statuses (read before the statuses projection removes them). */
async function boostsOf(store: ReadModelStore, statusIds: string[]): Promise<string[]> {
  const boosts: string[] = [];
  for (let i = 0; i < statusIds.length; i += 500) {
    for (const boost of await statusesCollection(store).find({ where: { reblogOfId: { $in: statusIds.slice(i, i + 500) } } })) boosts.push(boost.id);
  }
  return boosts;
}

/** A new follow brings the followed account's recent statuses the follower may see into their home timeline. */
async function backfill(store: ReadModelStore, followerId: string, followedId: string) {
  const recent = await statusesCollection(store).find({
    where: { accountId: followedId, visibility: { $in: ['public', 'unlisted', 'private'] } },
    sort: { field: 'id', direction: 'desc' },
    limit: BACKFILL,
  });
  const shown = recent.filter((status) => !status.inReplyToAccountId || status.inReplyToAccountId === followedId);
  await homeFeed(store).add(shown.map((status) => ({ ownerId: followerId, statusId: status.id, authorId: followedId, reblogOfId: status.reblogOfId })));
  await trimFeed(store, followerId);
}
