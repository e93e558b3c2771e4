import type { RecordedEvent } from '@strata/kernel';
import { type StatusContent, strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import type { Projection, ProjectionContext } from '../projection/projection.ts';

/** A status waiting for its time, as its owner lists it (gone once published or cancelled). */
export interface ScheduledStatusDoc extends Doc {
  accountId: string;
  scheduledAt: string;
  text: string;
  spoilerText: string;
  visibility: string;
  inReplyToId: string | null;
  sensitive: boolean;
  language: string | null;
  applicationId: string | null;
  mediaIds: string[];
  poll: { options: string[]; expiresIn: number; multiple: boolean; hideTotals: boolean } | null;
}

export function scheduledStatusesCollection(store: ReadModelStore): Collection<ScheduledStatusDoc> {
  return store.collection<ScheduledStatusDoc>('scheduled_statuses', { indexes: [['accountId', 'id'], ['accountId', 'scheduledAt']], arrayFields: ['mediaIds'] });
}

/** Media held by statuses still waiting: not orphans, whatever their age. */
export async function mediaHeldByScheduledStatuses(store: ReadModelStore, mediaIds: string[]): Promise<Set<string>> {
  if (mediaIds.length === 0) return new Set();
  const held = await scheduledStatusesCollection(store).find({ where: { mediaIds: { $in: mediaIds } } });
  return new Set(held.flatMap((doc) => doc.mediaIds));
}

export const scheduledStatusesProjection: Projection = {
  name: 'scheduled-statuses',
  handles: new Set(['StatusScheduled', 'ScheduledStatusRescheduled', 'ScheduledStatusCancelled', 'ScheduledStatusPublished', 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const scheduled = scheduledStatusesCollection(context.readModels);
    if (event?.type === 'StatusScheduled') {
      const { scheduledId, accountId, scheduledAt, params } = event.data;
      const content = await context.personalData.unseal<StatusContent>(params.content);
      if (!content) return;
      await scheduled.upsert({
        id: scheduledId,
        accountId,
        scheduledAt,
        text: content.text,
        spoilerText: content.spoilerText,
        visibility: params.visibility,
        inReplyToId: params.inReplyToId,
        sensitive: params.sensitive,
        language: params.language,
        applicationId: params.applicationId,
        mediaIds: params.mediaIds,
        poll: params.poll && { ...params.poll, options: content.pollOptions ?? [] },
      });
    } else if (event?.type === 'ScheduledStatusRescheduled') {
      await scheduled.patch(event.data.scheduledId, { scheduledAt: event.data.scheduledAt });
    } else if (event?.type === 'ScheduledStatusCancelled' || event?.type === 'ScheduledStatusPublished') {
      await scheduled.delete(event.data.scheduledId);
    } else if (event?.type === 'AccountDeleted') {
      await scheduled.deleteWhere({ accountId: event.data.accountId });
    }
  },
};
