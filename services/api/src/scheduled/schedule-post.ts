import type { Response } from 'express';
import { type NewStatus, awaitProjection, commandDeps, scheduleStatus } from '@strata/commands';
import { NotFoundError } from '@strata/kernel';
import { scheduledStatusesCollection } from '@strata/views';
import type { ApiDeps } from '../http/deps.ts';
import { metadataOf } from '../http/command-context.ts';
import { type PollParam, checkPoll } from '../polls/poll-params.ts';
import { presentScheduledStatuses } from './scheduled-status.presenter.ts';

/** A post with `scheduled_at`: recorded as a scheduled status (composed and checked like a post) and answered as one. */
export async function schedulePost(deps: ApiDeps, res: Response, scheduledAt: Date, status: NewStatus, poll: PollParam | undefined) {
  const checked = poll ? checkPoll(deps.config, poll) : null;
  const { accountId, content, mediaIds, poll: _fields, statusId: _id, ...rest } = status;
  const params = { ...rest, mediaIds: mediaIds ?? [], poll: checked && { expiresIn: checked.expiresIn, multiple: checked.multiple, hideTotals: checked.hideTotals } };
  const { scheduledId, result } = await scheduleStatus(await commandDeps(deps), { accountId, scheduledAt, params, content }, metadataOf(res));
  await awaitProjection(deps, result);
  const doc = await scheduledStatusesCollection(await deps.readModels()).get(scheduledId);
  if (!doc) throw new NotFoundError();
  return (await presentScheduledStatuses(deps, [doc]))[0];
}
