import type { Collection, Doc, ReadModelStore } from '@strata/read-models';

/** A status's poll with its counts (kept by counting votes, or as a remote server reports them). */
export interface PollDoc extends Doc {
  statusId: string;
  accountId: string;
  options: string[];
  expiresAt: string | null;
  multiple: boolean;
  hideTotals: boolean;
  votesCounts: number[];
  votersCount: number;
  /** Closed by the expiry job (or the remote server); `expiresAt` in the past also means closed. */
  closed: boolean;
  local: boolean;
}

export interface PollVoteDoc extends Doc {
  pollId: string;
  accountId: string;
  choices: number[];
}

export function pollsCollection(store: ReadModelStore): Collection<PollDoc> {
  return store.collection<PollDoc>('polls', { indexes: [['statusId'], ['accountId']] });
}

export function pollVotesCollection(store: ReadModelStore): Collection<PollVoteDoc> {
  return store.collection<PollVoteDoc>('poll_votes', { indexes: [['pollId'], ['accountId']] });
}

export const pollVoteId = (pollId: string, accountId: string) => `${pollId}:${accountId}`;

/** Voting has ended: closed by an event, or its time is up before the job got to it. */
export const pollExpired = (poll: PollDoc, now: Date) => poll.closed || (poll.expiresAt !== null && Date.parse(poll.expiresAt) <= now.getTime());
