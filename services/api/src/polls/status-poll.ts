import { ValidationError } from '@strata/kernel';
import type { PollFields } from '@strata/contracts';
import { pollsCollection } from '@strata/views';
import type { ApiDeps } from '../http/deps.ts';
import { type PollParam, checkPoll, pollFields } from './poll-params.ts';

export interface ComposedPoll {
  poll: PollFields | null;
  /** The option titles, sealed with the status content. */
  pollOptions?: string[];
}

/**
 * The poll of a post or an edit (none without `poll`, as Mastodon drops the poll of an
 * edit that sends none), checked before anything is written.
 */
export async function composePoll(deps: ApiDeps, param: PollParam | undefined, hasMedia: boolean, statusId?: string): Promise<ComposedPoll> {
  if (!param) return { poll: null };
  if (hasMedia) throw new ValidationError('Validation failed: A status cannot have both media attachments and a poll');
  const checked = checkPoll(deps.config, param);
  const [previous] = statusId ? await pollsCollection(await deps.readModels()).find({ where: { statusId } }) : [];
  return { poll: pollFields(checked, deps.clock.now(), deps.ids, previous), pollOptions: checked.options };
}
