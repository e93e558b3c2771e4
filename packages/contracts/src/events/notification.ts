import { z } from 'zod';
import { snowflakeId } from './account.ts';
import { defineEvent } from './registry.ts';

export const notificationsStream = (accountId: string) => `notifications-${accountId}`;
export const markersStream = (accountId: string) => `markers-${accountId}`;

/** The owner dismissed some notifications, or all of them up to one (clear). */
export const NotificationsDismissed = defineEvent(
  'NotificationsDismissed',
  1,
  z.object({
    accountId: snowflakeId,
    notificationIds: z.array(snowflakeId).nullable(),
    groupKeys: z.array(z.string()).nullable(),
    at: z.iso.datetime(),
  }),
);

export const MarkerSet = defineEvent(
  'MarkerSet',
  1,
  z.object({ accountId: snowflakeId, timeline: z.enum(['home', 'notifications']), lastReadId: z.string().max(40), at: z.iso.datetime() }),
);

export const notificationEvents = [NotificationsDismissed, MarkerSet] as const;
