import type { EventMetadata } from '@strata/kernel';
import { pollVoteStream, statusStream } from '@strata/contracts';
import { type PollFacts, pollVoteDecider, statusDecider } from '@strata/domain';
import { handleCommand } from './handle.ts';
import type { CommandDeps } from './register-account.ts';

/** Casts one account's vote (all its choices at once); the poll's facts come from the read model the caller checked. */
export async function votePoll(deps: CommandDeps, input: { poll: PollFacts; accountId: string; choices: number[] }, metadata: EventMetadata) {
  const command = { type: 'Vote' as const, ...input, at: deps.clock.now() };
  return handleCommand(deps.store, pollVoteStream(input.poll.pollId, input.accountId), pollVoteDecider, command, metadata);
}

/** Ends voting on a status's poll once its time has come; a repeated or stale request changes nothing. */
export async function expirePoll(deps: CommandDeps, input: { statusId: string; pollId: string }, metadata: EventMetadata) {
  return handleCommand(deps.store, statusStream(input.statusId), statusDecider, { type: 'ExpirePoll', ...input, at: deps.clock.now() }, metadata);
}

/** Records a remote poll's counts as its server reports them; for a poll the status no longer has, nothing. */
export async function tallyPoll(deps: CommandDeps, input: { statusId: string; accountId: string; pollId: string; votesCounts: number[]; votersCount: number | null; closed: boolean }, metadata: EventMetadata) {
  return handleCommand(deps.store, statusStream(input.statusId), statusDecider, { type: 'TallyPoll', ...input, at: deps.clock.now() }, metadata);
}
