import type { RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import type { ReadModelStore } from '@strata/read-models';
import type { Projection, ProjectionContext } from '../projection/projection.ts';
import { anyErased } from '../accounts/hidden-accounts.ts';
import { adjustFollowCounts, forgetRelationshipsOf, recountFollowsOf } from './follow-counts.ts';
import { blocksCollection, followsCollection, mutesCollection, pairId } from './relationships.collection.ts';

/** Follows, requests, blocks, mutes and follow counts; backfill and notifications have their own projections. */
export const relationshipsProjection: Projection = {
  name: 'relationships',
  handles: new Set(['FollowRequested', 'AccountFollowed', 'FollowOptionsChanged', 'FollowEnded', 'AccountBlocked', 'AccountUnblocked', 'AccountMuted', 'AccountUnmuted', 'AccountSuspensionChanged', 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const store = context.readModels;
    if (!event) return;
    if (await startsWithErased(store, event)) return;
    switch (event.type) {
      case 'FollowRequested':
      case 'AccountFollowed': {
        const { followerId, followedId, reblogs, notify: notifyOn, languages, at } = event.data;
        const following = event.type === 'AccountFollowed';
        const pageId = following ? event.data.followId : event.data.requestId;
        const state = following ? 'following' : 'requested';
        const before = await followsCollection(store).get(pairId(followerId, followedId));
        await followsCollection(store).upsert({ id: pairId(followerId, followedId), followerId, followedId, state, reblogs, notify: notifyOn, languages, pageId, createdAt: at });
        if (following && before?.state !== 'following') await adjustFollowCounts(store, followerId, followedId, 1);
        return;
      }
      case 'FollowOptionsChanged': {
        const { followerId, followedId, reblogs, notify: notifyOn, languages } = event.data;
        await followsCollection(store).patch(pairId(followerId, followedId), { reblogs, notify: notifyOn, languages });
        return;
      }
      case 'FollowEnded': {
        const { followerId, followedId } = event.data;
        const before = await followsCollection(store).get(pairId(followerId, followedId));
        await followsCollection(store).delete(pairId(followerId, followedId));
        if (before?.state === 'following') await adjustFollowCounts(store, followerId, followedId, -1);
        return;
      }
      case 'AccountBlocked':
        await blocksCollection(store).upsert({ id: pairId(event.data.accountId, event.data.targetId), accountId: event.data.accountId, targetId: event.data.targetId, pageId: event.data.blockId, createdAt: event.data.at });
        return;
      case 'AccountUnblocked':
        await blocksCollection(store).delete(pairId(event.data.accountId, event.data.targetId));
        return;
      case 'AccountMuted':
        await mutesCollection(store).upsert({
          id: pairId(event.data.accountId, event.data.targetId),
          accountId: event.data.accountId,
          targetId: event.data.targetId,
          pageId: event.data.muteId,
          createdAt: event.data.at,
          notifications: event.data.notifications,
          expiresAt: event.data.expiresAt,
        });
        return;
      case 'AccountUnmuted':
        await mutesCollection(store).delete(pairId(event.data.accountId, event.data.targetId));
        return;
      case 'AccountSuspensionChanged':
        await recountFollowsOf(store, event.data.accountId);
        return;
      case 'AccountDeleted':
        await forgetRelationshipsOf(store, event.data.accountId);
        return;
    }
  },
};

/** A follow, block or mute that reaches the projection after one side was deleted must not come back. */
async function startsWithErased(store: ReadModelStore, event: NonNullable<ReturnType<typeof strataEvents.decode>>) {
  if (event.type === 'FollowRequested' || event.type === 'AccountFollowed') return anyErased(store, [event.data.followerId, event.data.followedId]);
  if (event.type === 'AccountBlocked' || event.type === 'AccountMuted') return anyErased(store, [event.data.accountId, event.data.targetId]);
  return false;
}
