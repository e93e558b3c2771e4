import { z } from 'zod';
import type { RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import { type CommandSources, commandDeps, commandMetadata, publishScheduledStatus } from '@strata/commands';
import type { JobQueue } from '@strata/job-queue';
import { mediaCollection } from '@strata/views';
import type { DeliveryDeps } from '../index.ts';

export const SCHEDULED_PUBLISH_QUEUE = 'status.publish-scheduled';

const payload = z.object({ scheduledId: z.string(), dueAt: z.iso.datetime() });
type Payload = z.infer<typeof payload>;

const enqueue = (jobs: JobQueue, job: Payload, now: number) => jobs.enqueue(SCHEDULED_PUBLISH_QUEUE, job, { delayMs: Math.max(0, Date.parse(job.dueAt) - now) });

/**
 * Scheduled statuses are published by a delayed job per scheduled time: moving one makes
 * a new job and leaves the old one stale (the decider ignores it), and the queue keeps
 * jobs across restarts. Publishing records the status id before posting, so a retried
 * job posts the same status, once.
 */
export function scheduledPublishWork(sources: CommandSources, jobs: JobQueue): Pick<DeliveryDeps, 'reactions' | 'processors'> {
  const react = async (recorded: RecordedEvent) => {
    const event = strataEvents.decode(recorded);
    if (event?.type !== 'StatusScheduled' && event?.type !== 'ScheduledStatusRescheduled') return;
    await enqueue(jobs, { scheduledId: event.data.scheduledId, dueAt: event.data.scheduledAt }, sources.clock.now().getTime());
  };
  // attachments still the owner's, processed and free when the time comes; others are left out
  const usableMedia = async (accountId: string, mediaIds: string[]) => {
    const docs = await mediaCollection(await sources.readModels()).getMany(mediaIds);
    const usable = new Set(docs.filter((doc) => doc.accountId === accountId && doc.statusId === null && doc.processing === 'done').map((doc) => doc.id));
    return mediaIds.filter((id) => usable.has(id));
  };
  return {
    reactions: { StatusScheduled: [react], ScheduledStatusRescheduled: [react] },
    processors: {
      [SCHEDULED_PUBLISH_QUEUE]: async (raw) => {
        const job = payload.parse(raw);
        const deps = await commandDeps(sources);
        if (Date.parse(job.dueAt) > deps.clock.now().getTime()) return void (await enqueue(jobs, job, deps.clock.now().getTime()));
        await publishScheduledStatus(deps, { ...job, usableMedia }, commandMetadata(null));
      },
    },
  };
}
