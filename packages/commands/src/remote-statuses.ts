import { createHash } from 'node:crypto';
import type { EventMetadata } from '@strata/kernel';
import { remoteStatusStream, statusStream } from '@strata/contracts';
import { remoteStatusClaimDecider, statusDecider } from '@strata/domain';
import { handleCommand } from './handle.ts';
import { attachMedia } from './media.ts';
import { type RemoteAttachment, recordRemoteMedia } from './remote-media.ts';
import type { NewStatus, StatusDeps } from './statuses.ts';

/** Attachments a status may carry (Mastodon's limit, for remote statuses too). */
const MAX_ATTACHMENTS = 4;

/** A local status's fields (the content's `html` is the peer's, already sanitized), with where it lives and its attachments. */
export type NewRemoteStatus = Omit<NewStatus, 'applicationId' | 'mediaIds'> & { uri: string; url: string | null; publishedAt: Date; attachments?: RemoteAttachment[] };

/**
 * A status of a remote account, as its server published it: its URI is claimed first
 * (one local id per URI, so a redelivered Create is a no-op), then posted through the
 * same status stream and decider as a local status, its content sealed with the author's key.
 */
export async function postRemoteStatus(deps: StatusDeps, input: NewRemoteStatus, metadata: EventMetadata) {
  // ids order by publication like Mastodon's, but never from the future
  const at = new Date(Math.min(input.publishedAt.getTime(), deps.clock.now().getTime()));
  const claim = await handleCommand(
    deps.store,
    remoteStatusStream(createHash('sha256').update(input.uri).digest('hex').slice(0, 40)),
    remoteStatusClaimDecider,
    { type: 'ClaimRemoteStatus', uri: input.uri, statusId: deps.ids.next(at.getTime()) },
    metadata,
  );
  const statusId = claim.state.statusId!;
  // a redelivered Create finds its status written: nothing more to record
  if ((await deps.store.readStream(statusStream(statusId))).length > 0) return { statusId, result: { ...claim, appended: 0 } };
  const { uri, url, publishedAt: _published, content, attachments = [], ...status } = input;
  const mediaIds = await recordRemoteMedia(deps, input.accountId, attachments.slice(0, MAX_ATTACHMENTS), metadata);
  await attachMedia(deps, { accountId: input.accountId, statusId, mediaIds }, metadata);
  const sealed = await deps.personalData.seal(input.accountId, content);
  const command = { type: 'PostStatus' as const, statusId, ...status, content: sealed, applicationId: null, mediaIds, remote: { uri, url }, at };
  const result = await handleCommand(deps.store, statusStream(statusId), statusDecider, command, metadata);
  return { statusId, result };
}
