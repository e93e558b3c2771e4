import type { EventMetadata } from '@strata/kernel';
import { type Focus, type MediaType, mediaStream } from '@strata/contracts';
import { mediaDecider } from '@strata/domain';
import { handleCommand } from './handle.ts';
import type { StatusDeps } from './statuses.ts';

/** An attachment of a remote status as its server describes it. */
export interface RemoteAttachment {
  mediaType: MediaType;
  remoteUrl: string;
  previewRemoteUrl: string | null;
  description: string | null;
  focus: Focus | null;
  meta: Record<string, unknown>;
  blurhash: string | null;
}

/**
 * Records a remote status's attachments as media of its author (referenced by URL, the
 * alt text sealed with the author's key), ready to be attached like uploads. Returns their ids in order.
 */
export async function recordRemoteMedia(deps: StatusDeps, accountId: string, attachments: RemoteAttachment[], metadata: EventMetadata): Promise<string[]> {
  const ids: string[] = [];
  for (const attachment of attachments) {
    const mediaId = deps.ids.next();
    const description = attachment.description === null ? null : await deps.personalData.seal(accountId, { description: attachment.description });
    const command = { type: 'RecordRemoteMedia' as const, mediaId, accountId, ...attachment, description, at: deps.clock.now() };
    await handleCommand(deps.store, mediaStream(mediaId), mediaDecider, command, metadata);
    ids.push(mediaId);
  }
  return ids;
}
