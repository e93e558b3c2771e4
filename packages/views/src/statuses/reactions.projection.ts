import type { RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import type { ReadModelStore } from '@strata/read-models';
import { notify } from '../notifications/notifications.ts';
import { notificationsCollection } from '../notifications/notifications.ts';
import { type Projection, type ProjectionContext, channels } from '../projection/projection.ts';
import { followsCollection } from '../relationships/relationships.collection.ts';
import { fanOut, homeFeed, recentlyInFeed } from '../timelines/home-feed.ts';
import { recountAccount } from './statuses.projection.ts';
import { anyErased } from '../accounts/hidden-accounts.ts';
import { marksCollection, markId, statusesCollection } from './statuses.collection.ts';
import { forgetReactionsOf, recountFavourites, recountReactionsOf, recountReblogs } from './reaction-counts.ts';

/** Boosts (statuses of their own), favourites, bookmarks, pins and conversation mutes. */
export const reactionsProjection: Projection = {
  name: 'reactions',
  handles: new Set(['StatusReblogged', 'StatusUnreblogged', 'StatusToggled', 'AccountSuspensionChanged', 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const store = context.readModels;
    if ((event?.type === 'StatusReblogged' || event?.type === 'StatusToggled') && (await anyErased(store, [event.data.accountId, event.data.statusAccountId]))) return;
    if (event?.type === 'StatusReblogged') await reblogged(store, event.data, recorded.id, context.publish);
    else if (event?.type === 'StatusUnreblogged') {
      for (const entry of await homeFeed(store).find({ where: { statusId: event.data.reblogId } })) {
        context.publish(channels.user(entry.ownerId), { event: 'delete', statusId: event.data.reblogId });
      }
      await homeFeed(store).deleteWhere({ statusId: event.data.reblogId });
      await notificationsCollection(store).deleteWhere({ statusId: event.data.statusId, type: 'reblog', fromAccountId: event.data.accountId });
      await statusesCollection(store).delete(event.data.reblogId);
      await recountReblogs(store, event.data.statusId);
      await recountAccount(store, event.data.accountId);
    } else if (event?.type === 'StatusToggled') {
      const { kind, on, accountId, statusId, statusAccountId, toggleId, at } = event.data;
      const marks = marksCollection(store, kind);
      if (on) await marks.upsert({ id: markId(accountId, statusId), accountId, statusId, statusAccountId, markId: toggleId, createdAt: at });
      else await marks.delete(markId(accountId, statusId));
      if (kind === 'favourite') {
        await recountFavourites(store, statusId);
        if (on) await notify(store, { recipients: [statusAccountId], type: 'favourite', fromAccountId: accountId, statusId, eventId: recorded.id, at }, context.publish);
        else await notificationsCollection(store).deleteWhere({ statusId, type: 'favourite', fromAccountId: accountId });
      }
    } else if (event?.type === 'AccountSuspensionChanged') {
      await recountReactionsOf(store, event.data.accountId);
    } else if (event?.type === 'AccountDeleted') {
      await forgetReactionsOf(store, event.data.accountId);
    }
  },
};

async function reblogged(
  store: ReadModelStore,
  data: { reblogId: string; accountId: string; statusId: string; statusAccountId: string; visibility: string; rebloggedAt: string },
  eventId: string,
  publish: ProjectionContext['publish'],
) {
  const statuses = statusesCollection(store);
  const original = await statuses.get(data.statusId);
  if (!original || (await statuses.get(data.reblogId))) return;
  await statuses.upsert({
    ...original,
    id: data.reblogId,
    accountId: data.accountId,
    visibility: original.visibility,
    reblogOfId: original.id,
    reblogOfAccountId: original.accountId,
    inReplyToId: null,
    inReplyToAccountId: null,
    createdAt: data.rebloggedAt,
    editedAt: null,
    repliesCount: 0,
    reblogsCount: 0,
    favouritesCount: 0,
    streamRevision: 0,
  });
  const followers = await followsCollection(store).find({ where: { followedId: data.accountId, state: 'following', reblogs: true } });
  // a boost of something already on someone's screen lately is not shown to them again
  const audience = [data.accountId];
  for (const follow of followers) if (!(await recentlyInFeed(store, follow.followerId, original.id))) audience.push(follow.followerId);
  await fanOut(store, audience, { statusId: data.reblogId, authorId: data.accountId, reblogOfId: original.id });
  for (const owner of audience) publish(channels.user(owner), { event: 'update', statusId: data.reblogId });
  await recountReblogs(store, original.id);
  await recountAccount(store, data.accountId);
  await notify(store, { recipients: [original.accountId], type: 'reblog', fromAccountId: data.accountId, statusId: original.id, eventId, at: data.rebloggedAt }, publish);
}
