import type { Context } from '@fedify/fedify';
import { Collection, Note, type Question } from '@fedify/vocab';
import { type CommandDeps, commandMetadata, tallyPoll } from '@strata/commands';
import { type FederationDeps, instanceLoaders } from '../deps.ts';

/** Mastodon's limits on a remote poll's options: more are not shown. */
const MAX_OPTIONS = 20;

/** A remote Question's poll as its server reports it: options, counts and whether voting ended. */
export interface RemotePoll {
  options: string[];
  multiple: boolean;
  expiresAt: string | null;
  votesCounts: number[];
  votersCount: number | null;
  closed: boolean;
}

/** The poll of a Question (`anyOf` for several choices, else `oneOf`); null when it has no named option. */
export async function remotePollOf(ctx: Context<FederationDeps>, question: Question, now: Date): Promise<RemotePoll | null> {
  const loader = { ...(await instanceLoaders(ctx)), suppressError: true };
  const multiple = question.inclusiveOptionIds.length > 0 && question.exclusiveOptionIds.length === 0;
  const options: string[] = [];
  const votesCounts: number[] = [];
  for await (const option of multiple ? question.getInclusiveOptions(loader) : question.getExclusiveOptions(loader)) {
    if (!(option instanceof Note) || !option.name || options.length >= MAX_OPTIONS) continue;
    const replies = await option.getReplies(loader).catch(() => null);
    options.push(option.name.toString());
    votesCounts.push(replies instanceof Collection ? Math.max(0, replies.totalItems ?? 0) : 0);
  }
  if (options.length === 0) return null;
  const expiresAt = question.endTime ? new Date(question.endTime.epochMilliseconds).toISOString() : null;
  const closedFlag = question.closed;
  const closed = (closedFlag !== null && closedFlag !== false) || (expiresAt !== null && Date.parse(expiresAt) <= now.getTime());
  return { options, multiple, expiresAt, votesCounts, votersCount: question.voters ?? null, closed };
}

/** The same poll as before when its options and kind are unchanged (its votes still count). */
export const samePoll = (before: { options: string[]; multiple: boolean }, after: RemotePoll) =>
  before.multiple === after.multiple && before.options.length === after.options.length && before.options.every((option, index) => option === after.options[index]);

/** The poll fields and sealed option titles a remote status is posted or edited with. */
export function withRemotePoll<T extends { content: object }>(status: T, poll: RemotePoll, pollId: string) {
  return {
    ...status,
    content: { ...status.content, pollOptions: poll.options },
    poll: { pollId, expiresAt: poll.expiresAt, multiple: poll.multiple, hideTotals: false },
  };
}

/** The counts the poll's server reports, recorded on the status (what the API shows of a remote poll). */
export async function recordTally(deps: CommandDeps, statusId: string, accountId: string, pollId: string, poll: RemotePoll) {
  const { votesCounts, votersCount, closed } = poll;
  await tallyPoll(deps, { statusId, accountId, pollId, votesCounts, votersCount, closed }, commandMetadata(accountId));
}
