import type { RecordedEvent } from '@strata/kernel';
import { type PollFields, type StatusContent, strataEvents } from '@strata/contracts';
import type { ReadModelStore } from '@strata/read-models';
import { notify } from '../notifications/notifications.ts';
import { statusesCollection } from '../statuses/statuses.collection.ts';
import type { Projection, ProjectionContext } from '../projection/projection.ts';
import { type PollDoc, pollVoteId, pollVotesCollection, pollsCollection } from './polls.collection.ts';

/** Polls and their votes: created and replaced with their status, counted by counting votes, closed with `poll` notifications. */
export const pollsProjection: Projection = {
  name: 'polls',
  handles: new Set(['StatusPosted', 'StatusEdited', 'StatusDeleted', 'PollVoted', 'PollExpired', 'PollTallied', 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const store = context.readModels;
    const polls = pollsCollection(store);
    if (event?.type === 'StatusPosted' || event?.type === 'StatusEdited') {
      const { poll, statusId, accountId, content } = event.data;
      // a status posted without a poll has none to replace (a redelivery must not drop one a later edit added)
      if (event.type === 'StatusPosted' && !poll) return;
      const current = await polls.find({ where: { statusId } });
      // an edit keeping the same poll keeps its votes; any other poll of the status goes with its votes
      for (const old of current) if (old.id !== poll?.pollId) await removePoll(store, old.id);
      if (!poll) return;
      if (current.some((old) => old.id === poll.pollId)) {
        await polls.patch(poll.pollId, { expiresAt: poll.expiresAt, hideTotals: poll.hideTotals });
        return;
      }
      const options = (await context.personalData.unseal<StatusContent>(content))?.pollOptions ?? [];
      // an edit keeps where the status lives (the statuses projection ran first)
      const local = event.type === 'StatusPosted' ? event.data.remote === null : (current[0]?.local ?? (await statusesCollection(store).get(statusId))?.local ?? true);
      await polls.upsert(newPoll(poll, statusId, accountId, options, local));
    } else if (event?.type === 'StatusDeleted') {
      for (const poll of await polls.find({ where: { statusId: event.data.statusId } })) await removePoll(store, poll.id);
    } else if (event?.type === 'PollVoted') {
      const { pollId, accountId, choices } = event.data;
      if (!(await polls.get(pollId))) return;
      await pollVotesCollection(store).upsert({ id: pollVoteId(pollId, accountId), pollId, accountId, choices });
      await recount(store, pollId);
    } else if (event?.type === 'PollExpired') {
      const poll = await polls.get(event.data.pollId);
      if (!poll || poll.closed) return;
      await polls.patch(poll.id, { closed: true });
      const voters = (await pollVotesCollection(store).find({ where: { pollId: poll.id } })).map((vote) => vote.accountId);
      const input = { recipients: [...voters, poll.accountId], type: 'poll' as const, fromAccountId: poll.accountId, statusId: poll.statusId, eventId: recorded.id, at: event.data.at };
      await notify(store, { ...input, includeSelf: true }, context.publish);
    } else if (event?.type === 'PollTallied') {
      const { pollId, votesCounts, votersCount, closed } = event.data;
      const poll = await polls.get(pollId);
      if (poll && !poll.local) await polls.patch(pollId, { votesCounts, votersCount: votersCount ?? votesCounts.reduce((a, b) => a + b, 0), closed });
    } else if (event?.type === 'AccountDeleted') {
      const { accountId } = event.data;
      for (const poll of await polls.find({ where: { accountId } })) await removePoll(store, poll.id);
      const votes = await pollVotesCollection(store).find({ where: { accountId } });
      await pollVotesCollection(store).deleteWhere({ accountId });
      for (const pollId of new Set(votes.map((vote) => vote.pollId))) await recount(store, pollId);
    }
  },
};

function newPoll(poll: PollFields, statusId: string, accountId: string, options: string[], local: boolean): PollDoc {
  return {
    id: poll.pollId,
    statusId,
    accountId,
    options,
    expiresAt: poll.expiresAt,
    multiple: poll.multiple,
    hideTotals: poll.hideTotals,
    votesCounts: options.map(() => 0),
    votersCount: 0,
    closed: false,
    local,
  };
}

async function removePoll(store: ReadModelStore, pollId: string) {
  await pollVotesCollection(store).deleteWhere({ pollId });
  await pollsCollection(store).delete(pollId);
}

/** Counts kept by counting, so a redelivered vote never counts twice. */
async function recount(store: ReadModelStore, pollId: string) {
  const poll = await pollsCollection(store).get(pollId);
  if (!poll?.local) return;
  const votes = await pollVotesCollection(store).find({ where: { pollId } });
  const votesCounts = poll.options.map((_, index) => votes.filter((vote) => vote.choices.includes(index)).length);
  await pollsCollection(store).patch(pollId, { votesCounts, votersCount: votes.length });
}
