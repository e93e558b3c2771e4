import { z } from 'zod';
import { strataEvents } from '@strata/contracts';
import type { Reaction } from '../index.ts';

/** The job queue that turns recorded events into ActivityPub activities. */
export const OUTBOUND_QUEUE = 'federation.outbound';

const id = z.string().regex(/^\d{1,20}$/);
/** Where the event that caused the job was written: the job waits until it is projected. */
const cause = { stream: z.string(), revision: z.number().int() };
export const OutboundJob = z.discriminatedUnion('type', [
  /** A remote follow took effect (at once, or once a locked account authorized it). */
  z.object({ type: z.literal('accept-follow'), followerId: id, followedId: id, activityUri: z.url(), ...cause }),
  /** A remote follow request was rejected, or a remote follower removed. */
  z.object({ type: z.literal('reject-follow'), followerId: id, followedId: id, activityUri: z.url(), ...cause }),
  /** A status was posted or edited: Create or Update to the remote followers and mentioned actors. */
  z.object({ type: z.enum(['create-status', 'update-status']), statusId: id, ...cause }),
  /** A local profile or its settings changed: Update of the actor to its remote followers. */
  z.object({ type: z.literal('update-actor'), accountId: id, ...cause }),
  /** A local account asked to follow a remote one (Follow), or stopped following it (Undo of the Follow). */
  z.object({ type: z.enum(['send-follow', 'undo-follow']), followerId: id, followedId: id, requestId: id.nullable(), ...cause }),
  /** A local account pinned (Add) or unpinned (Remove) one of its statuses: to its remote followers. */
  z.object({ type: z.literal('pin-status'), accountId: id, statusId: id, on: z.boolean(), ...cause }),
  /** A report about a remote account, to be forwarded: Flag to its server. */
  z.object({ type: z.literal('forward-report'), reportId: id, ...cause }),
  /** A status was deleted: Delete to the author's remote followers. */
  z.object({ type: z.literal('delete-status'), statusId: id, accountId: id, ...cause }),
  /** A local account favourited a status, or took it back: Like or Undo(Like) to a remote author. */
  z.object({ type: z.enum(['like', 'undo-like']), accountId: id, statusId: id, ...cause }),
  /** A local account boosted a status, or took it back: Announce or Undo(Announce) to its followers and a remote author. */
  z.object({ type: z.enum(['announce', 'undo-announce']), reblogId: id, accountId: id, statusId: id, visibility: z.enum(['public', 'unlisted', 'private', 'direct']), ...cause }),
  /** A local account blocked a remote one, or unblocked it: Block or Undo(Block) to it. */
  z.object({ type: z.enum(['block', 'unblock']), accountId: id, targetId: id, ...cause }),
  /** A local account voted on a remote poll: one Create(Note) per choice to the poll's author. */
  z.object({ type: z.literal('poll-vote'), accountId: id, statusId: id, pollId: id, choices: z.array(z.number().int().min(0)), ...cause }),
  /** A local account was deleted: Delete of the actor to every server that knows it, then its keys go. */
  z.object({ type: z.literal('delete-actor'), accountId: id, username: z.string(), ...cause }),
]);
export type OutboundJob = z.infer<typeof OutboundJob>;

/** Reactions: cheap and unfailing, they only enqueue; the work (reads, rendering, sending) is a job. */
export const outboundReactions: Record<string, Reaction[]> = {
  AccountFollowed: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type !== 'AccountFollowed' || !event.data.activityUri) return;
      const { followerId, followedId, activityUri } = event.data;
      await jobs.enqueue(OUTBOUND_QUEUE, { type: 'accept-follow', followerId, followedId, activityUri, stream: recorded.stream, revision: recorded.revision } satisfies OutboundJob);
    },
  ],
  FollowRequested: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      // a request with an activity came from a remote follower; one without is ours, maybe of a remote account
      if (event?.type !== 'FollowRequested' || event.data.activityUri) return;
      const { followerId, followedId, requestId } = event.data;
      await jobs.enqueue(OUTBOUND_QUEUE, { type: 'send-follow', followerId, followedId, requestId, stream: recorded.stream, revision: recorded.revision } satisfies OutboundJob);
    },
  ],
  FollowEnded: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type !== 'FollowEnded' || event.data.activityUri || event.data.reason !== 'unfollowed') return;
      const { followerId, followedId } = event.data;
      await jobs.enqueue(OUTBOUND_QUEUE, { type: 'undo-follow', followerId, followedId, requestId: null, stream: recorded.stream, revision: recorded.revision } satisfies OutboundJob);
    },
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type !== 'FollowEnded' || !event.data.activityUri) return;
      if (event.data.reason !== 'rejected' && event.data.reason !== 'removed') return;
      const { followerId, followedId, activityUri } = event.data;
      await jobs.enqueue(OUTBOUND_QUEUE, { type: 'reject-follow', followerId, followedId, activityUri, stream: recorded.stream, revision: recorded.revision } satisfies OutboundJob);
    },
  ],
  StatusToggled: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type !== 'StatusToggled' || event.data.kind !== 'pin') return;
      const { accountId, statusId, on } = event.data;
      await jobs.enqueue(OUTBOUND_QUEUE, { type: 'pin-status', accountId, statusId, on, stream: recorded.stream, revision: recorded.revision } satisfies OutboundJob);
    },
  ],
  ReportFiled: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type !== 'ReportFiled' || !event.data.forward) return;
      await jobs.enqueue(OUTBOUND_QUEUE, { type: 'forward-report', reportId: event.data.reportId, stream: recorded.stream, revision: recorded.revision } satisfies OutboundJob);
    },
  ],
  AccountProfileUpdated: [actorReaction],
  AccountSettingsChanged: [actorReaction],
  AccountAliasesChanged: [actorReaction],
  StatusPosted: [statusReaction('create-status')],
  StatusEdited: [statusReaction('update-status')],
  // an ended poll is sent again, closed and with its final counts, as Mastodon does
  PollExpired: [statusReaction('update-status')],
  StatusDeleted: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type !== 'StatusDeleted') return;
      const { statusId, accountId } = event.data;
      await jobs.enqueue(OUTBOUND_QUEUE, { type: 'delete-status', statusId, accountId, stream: recorded.stream, revision: recorded.revision } satisfies OutboundJob);
    },
  ],
};

async function actorReaction(...[recorded, jobs]: Parameters<Reaction>) {
  const event = strataEvents.decode(recorded);
  if (event?.type !== 'AccountProfileUpdated' && event?.type !== 'AccountSettingsChanged' && event?.type !== 'AccountAliasesChanged') return;
  await jobs.enqueue(OUTBOUND_QUEUE, { type: 'update-actor', accountId: event.data.accountId, stream: recorded.stream, revision: recorded.revision } satisfies OutboundJob);
}

function statusReaction(type: 'create-status' | 'update-status'): Reaction {
  return async (recorded, jobs) => {
    const event = strataEvents.decode(recorded);
    if (event?.type !== 'StatusPosted' && event?.type !== 'StatusEdited' && event?.type !== 'PollExpired') return;
    await jobs.enqueue(OUTBOUND_QUEUE, { type, statusId: event.data.statusId, stream: recorded.stream, revision: recorded.revision } satisfies OutboundJob);
  };
}
