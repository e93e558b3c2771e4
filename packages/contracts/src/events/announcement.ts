import { z } from 'zod';
import { snowflakeId } from './account.ts';
import { defineEvent } from './registry.ts';

/** One stream per announcement; each reader's dismissals and reactions go in streams of their own. */
export const announcementStream = (announcementId: string) => `announcement-${announcementId}`;
export const announcementReaderStream = (accountId: string) => `announcement-reader-${accountId}`;

/** An announcement by the instance's staff, shown to every local user (optionally about a time span). */
export const AnnouncementPublished = defineEvent(
  'AnnouncementPublished',
  1,
  z.object({ announcementId: snowflakeId, text: z.string().min(1).max(5000), startsAt: z.iso.datetime().nullable(), endsAt: z.iso.datetime().nullable(), allDay: z.boolean(), at: z.iso.datetime() }),
);
export const AnnouncementDeleted = defineEvent('AnnouncementDeleted', 1, z.object({ announcementId: snowflakeId, at: z.iso.datetime() }));
/** A reader marked it read. */
export const AnnouncementDismissed = defineEvent('AnnouncementDismissed', 1, z.object({ announcementId: snowflakeId, accountId: snowflakeId, at: z.iso.datetime() }));
/** A reader added or took back a reaction (a Unicode emoji or a custom emoji's shortcode). */
export const AnnouncementReactionChanged = defineEvent(
  'AnnouncementReactionChanged',
  1,
  z.object({ announcementId: snowflakeId, accountId: snowflakeId, name: z.string().min(1).max(100), on: z.boolean(), at: z.iso.datetime() }),
);

export const announcementEvents = [AnnouncementPublished, AnnouncementDeleted, AnnouncementDismissed, AnnouncementReactionChanged] as const;
