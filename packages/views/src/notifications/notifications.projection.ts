import type { RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import type { Projection, ProjectionContext } from '../projection/projection.ts';
import { notificationsCollection } from './notifications.ts';

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

/** Dismissals (one, a group, or all), read markers, and the erasure of a deleted account's notifications. */
export const notificationStateProjection: Projection = {
  name: 'notification-state',
  handles: new Set(['NotificationsDismissed', 'MarkerSet', 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const store = context.readModels;
    if (event?.type === 'NotificationsDismissed') {
      const { accountId, notificationIds, groupKeys } = event.data;
      const notifications = notificationsCollection(store);
      if (notificationIds) await notifications.deleteWhere({ accountId, id: { $in: notificationIds } });
      if (groupKeys) await notifications.deleteWhere({ accountId, groupKey: { $in: groupKeys } });
      if (!notificationIds && !groupKeys) {
        // clear: everything that existed when the owner asked, nothing that came later
        await notifications.deleteWhere({ accountId, createdAt: { $lte: event.data.at } });
      }
    } else if (event?.type === 'MarkerSet') {
      const { accountId, timeline, lastReadId, at } = event.data;
      const markers = markersCollection(store);
      const id = `${accountId}:${timeline}`;
      const current = await markers.get(id);
      if (current && current.version > recorded.revision) return;
      await markers.upsert({ id, accountId, timeline, lastReadId, version: recorded.revision + 1, updatedAt: at });
    } else if (event?.type === 'AccountDeleted') {
      // its notifications, those it caused for others, and its read markers
      const { accountId } = event.data;
      await notificationsCollection(store).deleteWhere({ accountId });
      await notificationsCollection(store).deleteWhere({ fromAccountId: accountId });
      await markersCollection(store).deleteWhere({ accountId });
    }
  },
};
