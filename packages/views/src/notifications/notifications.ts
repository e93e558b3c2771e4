import { createHash } from 'node:crypto';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import { type StreamMessage, channels } from '../projection/projection.ts';

export type NotificationType = 'mention' | 'status' | 'reblog' | 'follow' | 'follow_request' | 'favourite' | 'update' | 'admin.report' | 'poll' | 'quote' | 'quoted_update';

export interface NotificationDoc extends Doc {
  accountId: string;
  type: NotificationType;
  fromAccountId: string;
  statusId: string | null;
  /** admin.report only: the report it is about. */
  reportId?: string;
  createdAt: string;
  /** Notifications of one kind about one thing fold into one group (API v2). */
  groupKey: string;
  /** The event that caused it: Web Push finds the notifications an event made by it. */
  eventId?: string;
}

export function notificationsCollection(store: ReadModelStore): Collection<NotificationDoc> {
  return store.collection<NotificationDoc>('notifications', {
    indexes: [['accountId', 'id'], ['statusId'], ['accountId', 'groupKey'], ['accountId', 'fromAccountId', 'type'], ['eventId']],
  });
}

/**
 * A notification's id is a snowflake of the event's time whose low bits come from the
 * event and recipient: the same event projected twice makes the same notification.
 */
export function notificationId(eventTime: string, eventId: string, recipient: string, type: string): string {
  const seed = createHash('sha256').update(`${eventId}:${recipient}:${type}`).digest().readUInt16BE(0);
  return ((BigInt(Date.parse(eventTime)) << 16n) | BigInt(seed)).toString();
}

export function groupKeyOf(type: NotificationType, statusId: string | null, id: string): string {
  // favourites and boosts of one status group together, as Mastodon groups them; others stand alone
  return (type === 'favourite' || type === 'reblog') && statusId ? `${type}-${statusId}` : `ungrouped-${id}`;
}

export async function notify(
  store: ReadModelStore,
  input: {
    recipients: Iterable<string>;
    type: NotificationType;
    fromAccountId: string;
    statusId: string | null;
    reportId?: string;
    eventId: string;
    at: string;
    /** The author of an ended poll is told too, as Mastodon does; nobody else is notified of their own doing. */
    includeSelf?: boolean;
  },
  publish?: (channel: string, message: StreamMessage) => void,
) {
  const notifications = notificationsCollection(store);
  for (const recipient of new Set(input.recipients)) {
    if (recipient === input.fromAccountId && !input.includeSelf) continue;
    const id = notificationId(input.at, input.eventId, recipient, input.type);
    const created = await notifications.insert({
      id,
      accountId: recipient,
      type: input.type,
      fromAccountId: input.fromAccountId,
      statusId: input.statusId,
      ...(input.reportId && { reportId: input.reportId }),
      createdAt: input.at,
      groupKey: groupKeyOf(input.type, input.statusId, id),
      eventId: input.eventId,
    });
    if (created) publish?.(channels.user(recipient), { event: 'notification', notificationId: id });
  }
}
