import { type Decider, ValidationError } from '@strata/kernel';
import type { EventOf, PollVoted } from '@strata/contracts';

export type PollVoteEvent = EventOf<typeof PollVoted>;

/** The poll as the voter found it: the command carries the facts the rules need. */
export interface PollFacts {
  pollId: string;
  statusId: string;
  authorId: string;
  optionCount: number;
  multiple: boolean;
  expiresAt: string | null;
  expired: boolean;
}

export type PollVoteCommand = { type: 'Vote'; poll: PollFacts; accountId: string; choices: number[]; at: Date };

const refuse = (reason: string) => new ValidationError(`Validation failed: ${reason}`);

/** One account's vote on one poll: cast once, with Mastodon's reasons to refuse it. */
export const pollVoteDecider: Decider<PollVoteCommand, PollVoteEvent, { voted: boolean }> = {
  initialState: () => ({ voted: false }),
  evolve: () => ({ voted: true }),
  decide(command, state) {
    const { poll, accountId, at } = command;
    const choices = [...new Set(command.choices)];
    if (poll.expired || (poll.expiresAt !== null && Date.parse(poll.expiresAt) <= at.getTime())) throw refuse('The poll has already ended');
    if (choices.length === 0 || choices.some((choice) => choice < 0 || choice >= poll.optionCount)) throw refuse('The chosen vote option does not exist');
    if (!poll.multiple && choices.length > 1) throw refuse('The chosen vote option does not exist');
    if (accountId === poll.authorId) throw refuse('You cannot vote in your own polls');
    if (state.voted) throw refuse('You have already voted on this poll');
    return [{ type: 'PollVoted', data: { pollId: poll.pollId, statusId: poll.statusId, accountId, choices, votedAt: at.toISOString() } }];
  },
};
