import { strataEvents } from '@strata/contracts';
import type { RecordedEvent } from '@strata/kernel';
import type { Reaction } from '../index.ts';
import { OUTBOUND_QUEUE, type OutboundJob } from './outbound-jobs.ts';

const causeOf = (recorded: RecordedEvent) => ({ stream: recorded.stream, revision: recorded.revision });

/**
 * Events of interactions that peers must hear of. The jobs check whether anyone remote is
 * concerned (a remote author, remote followers); here nothing is read, only enqueued.
 */
export const interactionReactions: Record<string, Reaction[]> = {
  PollVoted: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type !== 'PollVoted') return;
      const { accountId, statusId, pollId, choices } = event.data;
      await jobs.enqueue(OUTBOUND_QUEUE, { type: 'poll-vote', accountId, statusId, pollId, choices, ...causeOf(recorded) } satisfies OutboundJob);
    },
  ],
  StatusToggled: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type !== 'StatusToggled' || event.data.kind !== 'favourite') return;
      const { accountId, statusId, on } = event.data;
      await jobs.enqueue(OUTBOUND_QUEUE, { type: on ? 'like' : 'undo-like', accountId, statusId, ...causeOf(recorded) } satisfies OutboundJob);
    },
  ],
  StatusReblogged: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type !== 'StatusReblogged') return;
      const { reblogId, accountId, statusId, visibility } = event.data;
      await jobs.enqueue(OUTBOUND_QUEUE, { type: 'announce', reblogId, accountId, statusId, visibility, ...causeOf(recorded) } satisfies OutboundJob);
    },
  ],
  StatusUnreblogged: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type !== 'StatusUnreblogged') return;
      const { reblogId, accountId, statusId } = event.data;
      // the boost's visibility is gone with it: the Undo goes to the same audience as a public boost
      await jobs.enqueue(OUTBOUND_QUEUE, { type: 'undo-announce', reblogId, accountId, statusId, visibility: 'public', ...causeOf(recorded) } satisfies OutboundJob);
    },
  ],
  AccountBlocked: [blockReaction],
  AccountUnblocked: [blockReaction],
  AccountDeleted: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type !== 'AccountDeleted') return;
      const { accountId, username } = event.data;
      await jobs.enqueue(OUTBOUND_QUEUE, { type: 'delete-actor', accountId, username, ...causeOf(recorded) } satisfies OutboundJob);
    },
  ],
};

async function blockReaction(...[recorded, jobs]: Parameters<Reaction>) {
  const event = strataEvents.decode(recorded);
  if (event?.type !== 'AccountBlocked' && event?.type !== 'AccountUnblocked') return;
  const { accountId, targetId } = event.data;
  await jobs.enqueue(OUTBOUND_QUEUE, { type: event.type === 'AccountBlocked' ? 'block' : 'unblock', accountId, targetId, ...causeOf(recorded) } satisfies OutboundJob);
}
