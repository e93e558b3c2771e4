import type { RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import { anyErased } from '../accounts/hidden-accounts.ts';
import { anyErasedIn, followerIdsOf } from '../projection/remembered-relations.ts';
import { moderatorIds } from '../moderation/reports.projection.ts';
import type { Projection, ProjectionContext } from '../projection/projection.ts';
import { statusesCollection } from '../statuses/statuses.collection.ts';
import { notificationsCollection, notify } from './notifications.ts';

export interface MarkerDoc extends Doc {
  accountId: string;
  timeline: 'home' | 'notifications';
  lastReadId: string;
  version: number;
  updatedAt: string;
}

export function markersCollection(store: ReadModelStore): Collection<MarkerDoc> {
  return store.collection<MarkerDoc>('markers', { indexes: [['accountId']] });
}

/**
 * The one writer of notifications: what causes them (mentions, subscribed posts, edits,
 * boosts, favourites, follows, reports), what takes them back (undo, unfollow, deletion),
 * dismissals, read markers and erasure. Local and remote sources are the same events.
 * It runs before the statuses, reactions and relationships projections, so it judges a
 * redelivered event by their documents as they do, and still sees a deleted status's boosts.
 */
export const notificationsProjection: Projection = {
  name: 'notifications',
  handles: new Set([
    'StatusPosted', 'StatusEdited', 'StatusDeleted', 'StatusReblogged', 'StatusUnreblogged', 'StatusToggled',
    'FollowRequested', 'AccountFollowed', 'FollowEnded', 'ReportFiled', 'NotificationsDismissed', 'MarkerSet', 'AccountDeleted',
  ]),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const store = context.readModels;
    const notifications = notificationsCollection(store);
    const statuses = statusesCollection(store);
    const cause = { eventId: recorded.id };
    switch (event?.type) {
      case 'StatusPosted': {
        const { statusId, accountId, mentionedAccountIds, visibility, postedAt: at } = event.data;
        if ((await statuses.get(statusId)) || (await anyErasedIn(context, [accountId]))) return;
        await notify(store, { recipients: mentionedAccountIds, type: 'mention', fromAccountId: accountId, statusId, ...cause, at }, context.publish);
        if (visibility === 'direct') return;
        const subscribers = await followerIdsOf(context, accountId, 'notify');
        await notify(store, { recipients: [...subscribers], type: 'status', fromAccountId: accountId, statusId, ...cause, at }, context.publish);
        return;
      }
      case 'StatusEdited': {
        const doc = await statuses.get(event.data.statusId);
        if (!doc || doc.streamRevision >= recorded.revision) return;
        const boosters = (await statuses.find({ where: { reblogOfId: doc.id } })).map((s) => s.accountId);
        await notify(store, { recipients: boosters, type: 'update', fromAccountId: doc.accountId, statusId: doc.id, ...cause, at: event.data.editedAt }, context.publish);
        return;
      }
      case 'StatusDeleted': {
        const boosts = await statuses.find({ where: { reblogOfId: event.data.statusId } });
        await notifications.deleteWhere({ statusId: { $in: [event.data.statusId, ...boosts.map((b) => b.id)] } });
        return;
      }
      case 'StatusReblogged': {
        const { reblogId, accountId, statusId, statusAccountId, rebloggedAt: at } = event.data;
        if ((await anyErasedIn(context, [accountId, statusAccountId])) || (await statuses.get(reblogId))) return;
        const original = await statuses.get(statusId);
        if (original) await notify(store, { recipients: [original.accountId], type: 'reblog', fromAccountId: accountId, statusId, ...cause, at }, context.publish);
        return;
      }
      case 'StatusUnreblogged':
        await notifications.deleteWhere({ statusId: event.data.statusId, type: 'reblog', fromAccountId: event.data.accountId });
        return;
      case 'StatusToggled': {
        const { kind, on, accountId, statusId, statusAccountId, at } = event.data;
        if (kind !== 'favourite' || (await anyErasedIn(context, [accountId, statusAccountId]))) return;
        if (on) await notify(store, { recipients: [statusAccountId], type: 'favourite', fromAccountId: accountId, statusId, ...cause, at }, context.publish);
        else await notifications.deleteWhere({ statusId, type: 'favourite', fromAccountId: accountId });
        return;
      }
      case 'FollowRequested':
      case 'AccountFollowed': {
        const { followerId, followedId, at } = event.data;
        if (await anyErased(store, [followerId, followedId])) return;
        await notifications.deleteWhere({ accountId: followedId, fromAccountId: followerId, type: 'follow_request' });
        const type = event.type === 'AccountFollowed' ? 'follow' : 'follow_request';
        await notify(store, { recipients: [followedId], type, fromAccountId: followerId, statusId: null, ...cause, at }, context.publish);
        return;
      }
      case 'FollowEnded':
        await notifications.deleteWhere({ accountId: event.data.followedId, fromAccountId: event.data.followerId, type: 'follow_request' });
        return;
      case 'ReportFiled': {
        const { reportId, accountId, at } = event.data;
        await notify(store, { recipients: await moderatorIds(store), type: 'admin.report', fromAccountId: accountId, statusId: null, reportId, ...cause, at }, context.publish);
        return;
      }
      case 'NotificationsDismissed': {
        const { accountId, notificationIds, groupKeys } = event.data;
        if (notificationIds) await notifications.deleteWhere({ accountId, id: { $in: notificationIds } });
        if (groupKeys) await notifications.deleteWhere({ accountId, groupKey: { $in: groupKeys } });
        // clear: everything that existed when the owner asked, nothing that came later
        if (!notificationIds && !groupKeys) await notifications.deleteWhere({ accountId, createdAt: { $lte: event.data.at } });
        return;
      }
      case 'MarkerSet': {
        const { accountId, timeline, lastReadId, at } = event.data;
        const markers = markersCollection(store);
        const id = `${accountId}:${timeline}`;
        const current = await markers.get(id);
        if (current && current.version > recorded.revision) return;
        await markers.upsert({ id, accountId, timeline, lastReadId, version: recorded.revision + 1, updatedAt: at });
        return;
      }
      case 'AccountDeleted': {
        // its notifications, those it caused for others, and its read markers
        const { accountId } = event.data;
        await notifications.deleteWhere({ accountId });
        await notifications.deleteWhere({ fromAccountId: accountId });
        await markersCollection(store).deleteWhere({ accountId });
        return;
      }
    }
  },
};
