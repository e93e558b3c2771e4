import type { EventMetadata } from '@strata/kernel';
import { type ScheduledStatusParams, type StatusContent, scheduledStatusStream } from '@strata/contracts';
import { scheduledStatusDecider } from '@strata/domain';
import { handleCommand } from './handle.ts';
import { postStatus, type StatusDeps } from './statuses.ts';

type Params = Omit<ScheduledStatusParams, 'content'>;

/** Schedules a status composed and checked by the caller; its content is sealed like a status's. */
export async function scheduleStatus(deps: StatusDeps, input: { accountId: string; scheduledAt: Date; params: Params; content: StatusContent }, metadata: EventMetadata) {
  const at = deps.clock.now();
  const scheduledId = deps.ids.next(at.getTime());
  const content = await deps.personalData.seal(input.accountId, input.content);
  const command = { type: 'Schedule' as const, scheduledId, accountId: input.accountId, scheduledAt: input.scheduledAt, params: { ...input.params, content }, at };
  return { scheduledId, result: await handleCommand(deps.store, scheduledStatusStream(scheduledId), scheduledStatusDecider, command, metadata) };
}

export async function rescheduleStatus(deps: StatusDeps, input: { scheduledId: string; accountId: string; scheduledAt: Date }, metadata: EventMetadata) {
  return handleCommand(deps.store, scheduledStatusStream(input.scheduledId), scheduledStatusDecider, { type: 'Reschedule', ...input, at: deps.clock.now() }, metadata);
}

export async function cancelScheduledStatus(deps: StatusDeps, input: { scheduledId: string; accountId: string }, metadata: EventMetadata) {
  return handleCommand(deps.store, scheduledStatusStream(input.scheduledId), scheduledStatusDecider, { type: 'Cancel', ...input, at: deps.clock.now() }, metadata);
}

/**
 * Publishes a scheduled status exactly once: the status id is recorded on the scheduled
 * stream first, then that status is posted (posting an existing id changes nothing), so a
 * job retried after a crash between the two posts the same status. Returns null when the
 * job is stale (moved or cancelled).
 */
export async function publishScheduledStatus(
  deps: StatusDeps,
  input: { scheduledId: string; dueAt: string; usableMedia: (accountId: string, mediaIds: string[]) => Promise<string[]> },
  metadata: EventMetadata,
) {
  const at = deps.clock.now();
  const command = { type: 'Publish' as const, scheduledId: input.scheduledId, dueAt: input.dueAt, statusId: deps.ids.next(at.getTime()), at };
  const { state } = await handleCommand(deps.store, scheduledStatusStream(input.scheduledId), scheduledStatusDecider, command, metadata);
  if (state.state !== 'published') return null;
  const { params, accountId } = state;
  const content = (await deps.personalData.unseal<StatusContent>(params.content)) ?? { text: '', spoilerText: '', tags: [] };
  const poll = params.poll && {
    pollId: deps.ids.next(at.getTime()),
    expiresAt: new Date(at.getTime() + params.poll.expiresIn * 1000).toISOString(),
    multiple: params.poll.multiple,
    hideTotals: params.poll.hideTotals,
  };
  const { content: _sealed, poll: _poll, mediaIds, ...rest } = params;
  return postStatus(deps, { ...rest, accountId, content, poll, statusId: state.statusId, mediaIds: await input.usableMedia(accountId, mediaIds) }, metadata);
}
