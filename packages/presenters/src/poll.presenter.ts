import type { ReadModelStore } from '@strata/read-models';
import { type PollDoc, pollExpired, pollVoteId, pollVotesCollection, pollsCollection } from '@strata/views';

export type PollEntity = Record<string, unknown>;

/**
 * Mastodon's Poll entity for one viewer: `voted` and `own_votes` are theirs (the author
 * counts as having voted), and the counts of a `hide_totals` poll stay hidden from
 * everyone but the author until it ends. Callers present it only with a status the
 * viewer may see.
 */
export function presentPoll(poll: PollDoc, viewer: string | null, ownVotes: number[] | null, now = new Date()): PollEntity {
  const expired = pollExpired(poll, now);
  const own = viewer === poll.accountId;
  const showCounts = !poll.hideTotals || expired || own;
  return {
    id: poll.id,
    expires_at: poll.expiresAt,
    expired,
    multiple: poll.multiple,
    votes_count: poll.votesCounts.reduce((a, b) => a + b, 0),
    voters_count: poll.votersCount,
    options: poll.options.map((title, index) => ({ title, votes_count: showCounts ? (poll.votesCounts[index] ?? 0) : null })),
    emojis: [],
    ...(viewer && { voted: own || ownVotes !== null, own_votes: ownVotes ?? [] }),
  };
}

/** The polls of these statuses for one viewer, by status id, looked up in one batch each. */
export async function pollsByStatus(store: ReadModelStore, viewer: string | null, statusIds: string[]): Promise<Map<string, PollEntity>> {
  if (statusIds.length === 0) return new Map();
  const polls = await pollsCollection(store).find({ where: { statusId: { $in: statusIds } }, unordered: true });
  if (polls.length === 0) return new Map();
  const votes = viewer ? await pollVotesCollection(store).getMany(polls.map((poll) => pollVoteId(poll.id, viewer))) : [];
  const choices = new Map(votes.map((vote) => [vote.pollId, vote.choices]));
  const now = new Date();
  return new Map(polls.map((poll) => [poll.statusId, presentPoll(poll, viewer, choices.get(poll.id) ?? null, now)]));
}
