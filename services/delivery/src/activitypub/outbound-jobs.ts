import { z } from 'zod';
import { strataEvents } from '@strata/contracts';
import type { Reaction } from '../index.ts';

/** The job queue that turns recorded events into ActivityPub activities. */
export const OUTBOUND_QUEUE = 'federation.outbound';

const id = z.string().regex(/^\d{1,20}$/);
export const OutboundJob = z.discriminatedUnion('type', [
  /** A remote follow took effect (at once, or once a locked account authorized it). */
  z.object({ type: z.literal('accept-follow'), followerId: id, followedId: id, activityUri: z.url(), stream: z.string(), revision: z.number().int() }),
  /** A status was posted: its Create goes to the remote followers and mentioned actors. */
  z.object({ type: z.literal('create-status'), statusId: id, stream: z.string(), revision: z.number().int() }),
]);
export type OutboundJob = z.infer<typeof OutboundJob>;

/** Reactions: cheap and unfailing, they only enqueue; the work (reads, rendering, sending) is a job. */
export const outboundReactions: Record<string, Reaction[]> = {
  AccountFollowed: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type !== 'AccountFollowed' || !event.data.activityUri) return;
      const { followerId, followedId, activityUri } = event.data;
      const job: OutboundJob = { type: 'accept-follow', followerId, followedId, activityUri, stream: recorded.stream, revision: recorded.revision };
      await jobs.enqueue(OUTBOUND_QUEUE, job);
    },
  ],
  StatusPosted: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type !== 'StatusPosted') return;
      const job: OutboundJob = { type: 'create-status', statusId: event.data.statusId, stream: recorded.stream, revision: recorded.revision };
      await jobs.enqueue(OUTBOUND_QUEUE, job);
    },
  ],
};
