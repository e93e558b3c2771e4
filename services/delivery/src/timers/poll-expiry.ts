import { z } from 'zod';
import type { RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import { type CommandSources, commandDeps, commandMetadata, expirePoll } from '@strata/commands';
import type { JobQueue } from '@strata/job-queue';
import type { DeliveryDeps } from '../index.ts';

export const POLL_EXPIRY_QUEUE = 'poll.expire';

const payload = z.object({ statusId: z.string(), pollId: z.string(), expiresAt: z.iso.datetime() });
type Payload = z.infer<typeof payload>;

/** A job due when the poll ends; the queue keeps it across restarts. */
async function scheduleExpiry(jobs: JobQueue, job: Payload, now: number) {
  await jobs.enqueue(POLL_EXPIRY_QUEUE, job, { delayMs: Math.max(0, Date.parse(job.expiresAt) - now) });
}

/**
 * Polls end by a delayed job: each posted or edited poll with an end gets one. The job
 * appends PollExpired through the status's decider, which ignores a poll already ended
 * or replaced by an edit, so a job run twice (a redelivered event) ends it once.
 */
export function pollExpiryWork(sources: CommandSources, jobs: JobQueue): Pick<DeliveryDeps, 'reactions' | 'processors'> {
  const clock = sources.clock;
  const react = async (recorded: RecordedEvent) => {
    const event = strataEvents.decode(recorded);
    if (event?.type !== 'StatusPosted' && event?.type !== 'StatusEdited') return;
    const poll = event.data.poll;
    if (!poll?.expiresAt) return;
    await scheduleExpiry(jobs, { statusId: event.data.statusId, pollId: poll.pollId, expiresAt: poll.expiresAt }, clock.now().getTime());
  };
  return {
    reactions: { StatusPosted: [react], StatusEdited: [react] },
    processors: {
      [POLL_EXPIRY_QUEUE]: async (raw) => {
        const job = payload.parse(raw);
        const deps = await commandDeps(sources);
        // a queue may hand a job over a little early (delay queues round): wait out the rest
        if (Date.parse(job.expiresAt) > deps.clock.now().getTime()) {
          await scheduleExpiry(jobs, job, deps.clock.now().getTime());
          return;
        }
        await expirePoll(deps, job, commandMetadata(null));
      },
    },
  };
}
