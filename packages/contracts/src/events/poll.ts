import { z } from 'zod';
import { snowflakeId } from './account.ts';
import { defineEvent } from './registry.ts';

/**
 * A poll belongs to its status: it is posted and edited with it (`poll` on StatusPosted
 * and StatusEdited), and its option titles are sealed in the status content
 * (`StatusContent.pollOptions`) so they are erased with the author. An edit that changes
 * the options gives the poll a new `pollId`: the votes of the old one no longer count.
 */
export const PollFields = z.object({
  pollId: snowflakeId,
  /** When voting ends; null for a remote poll that never ends. */
  expiresAt: z.iso.datetime().nullable(),
  multiple: z.boolean(),
  hideTotals: z.boolean(),
});
export type PollFields = z.infer<typeof PollFields>;

/** One vote per account and poll (all choices of a multiple-choice poll at once). */
export const pollVoteStream = (pollId: string, accountId: string) => `poll-vote-${pollId}-${accountId}`;
export const PollVoted = defineEvent(
  'PollVoted',
  1,
  z.object({
    pollId: snowflakeId,
    statusId: snowflakeId,
    accountId: snowflakeId,
    /** Indexes into the poll's options, without repeats. */
    choices: z.array(z.number().int().min(0).max(99)).min(1),
    votedAt: z.iso.datetime(),
  }),
);

/** Voting ended (appended to the status stream by the expiry job): voters and the author are notified. */
export const PollExpired = defineEvent('PollExpired', 1, z.object({ statusId: snowflakeId, pollId: snowflakeId, at: z.iso.datetime() }));

/**
 * The counts of a remote poll as its server reports them (a Question's replies per
 * option and votersCount), appended to the status stream; local polls count their votes.
 */
export const PollTallied = defineEvent(
  'PollTallied',
  1,
  z.object({
    statusId: snowflakeId,
    pollId: snowflakeId,
    votesCounts: z.array(z.number().int().min(0)),
    votersCount: z.number().int().min(0).nullable(),
    closed: z.boolean(),
    at: z.iso.datetime(),
  }),
);

export const pollEvents = [PollVoted, PollExpired, PollTallied] as const;
