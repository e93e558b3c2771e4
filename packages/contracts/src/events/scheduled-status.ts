import { z } from 'zod';
import { snowflakeId } from './account.ts';
import { StatusPosted } from './status.ts';
import { defineEvent } from './registry.ts';

/** One stream per scheduled status: scheduled, moved, cancelled, published once. */
export const scheduledStatusStream = (scheduledId: string) => `scheduled-status-${scheduledId}`;

/** What the status will be, checked and composed when it was scheduled; its content sealed like a status's. */
export const ScheduledStatusParams = StatusPosted.schema
  .pick({ visibility: true, inReplyToId: true, inReplyToAccountId: true, sensitive: true, language: true, mentionedAccountIds: true, content: true, applicationId: true })
  .extend({
    /** Attachments, claimed when it is published (a pending scheduled status keeps them from the media sweep). */
    mediaIds: z.array(snowflakeId).max(4),
    /** Its poll's settings; the poll starts when the status is published. */
    poll: z.object({ expiresIn: z.number().int().min(1), multiple: z.boolean(), hideTotals: z.boolean() }).nullable(),
  });

export type ScheduledStatusParams = z.infer<typeof ScheduledStatusParams>;

export const StatusScheduled = defineEvent(
  'StatusScheduled',
  1,
  z.object({ scheduledId: snowflakeId, accountId: snowflakeId, scheduledAt: z.iso.datetime(), params: ScheduledStatusParams, at: z.iso.datetime() }),
);

export const ScheduledStatusRescheduled = defineEvent(
  'ScheduledStatusRescheduled',
  1,
  z.object({ scheduledId: snowflakeId, accountId: snowflakeId, scheduledAt: z.iso.datetime(), at: z.iso.datetime() }),
);

export const ScheduledStatusCancelled = defineEvent('ScheduledStatusCancelled', 1, z.object({ scheduledId: snowflakeId, accountId: snowflakeId, at: z.iso.datetime() }));

/** Its time came: the status id is chosen here, once, so a retried job posts that same status. */
export const ScheduledStatusPublished = defineEvent(
  'ScheduledStatusPublished',
  1,
  z.object({ scheduledId: snowflakeId, accountId: snowflakeId, statusId: snowflakeId, at: z.iso.datetime() }),
);

export const scheduledStatusEvents = [StatusScheduled, ScheduledStatusRescheduled, ScheduledStatusCancelled, ScheduledStatusPublished] as const;
