import type { EventMetadata } from '@strata/kernel';
import { type Focus, type MediaFile, type MediaType, mediaStream } from '@strata/contracts';
import { mediaDecider } from '@strata/domain';
import { handleCommand } from './handle.ts';
import type { StatusDeps } from './statuses.ts';
import type { CommandDeps } from './register-account.ts';

export interface ProcessedMedia {
  mediaType: MediaType;
  file: MediaFile;
  preview: MediaFile | null;
  meta: Record<string, unknown>;
  blurhash: string | null;
}

export interface NewMedia {
  mediaId: string;
  accountId: string;
  mediaType: MediaType;
  upload: MediaFile | null;
  description: string | null;
  focus: Focus | null;
  thumbnail: MediaFile | null;
  /** Set for media processed on the request (still images); null when a job will do it. */
  processed: ProcessedMedia | null;
}

const sealDescription = (deps: StatusDeps, accountId: string, description: string | null) =>
  description === null ? null : deps.personalData.seal(accountId, { description });

export async function uploadMedia(deps: StatusDeps, input: NewMedia, metadata: EventMetadata) {
  const description = await sealDescription(deps, input.accountId, input.description);
  const command = { type: 'UploadMedia' as const, ...input, description, at: deps.clock.now() };
  return handleCommand(deps.store, mediaStream(input.mediaId), mediaDecider, command, metadata);
}

export async function completeMediaProcessing(deps: CommandDeps, mediaId: string, processed: ProcessedMedia, metadata: EventMetadata) {
  return handleCommand(deps.store, mediaStream(mediaId), mediaDecider, { type: 'CompleteProcessing', mediaId, ...processed, at: deps.clock.now() }, metadata);
}

/** A remote attachment's file, fetched and processed, now served from here. */
export async function cacheRemoteMedia(deps: CommandDeps, mediaId: string, processed: ProcessedMedia, metadata: EventMetadata) {
  return handleCommand(deps.store, mediaStream(mediaId), mediaDecider, { type: 'CacheRemoteMedia', mediaId, ...processed, at: deps.clock.now() }, metadata);
}

export async function failMediaProcessing(deps: CommandDeps, mediaId: string, reason: string, metadata: EventMetadata) {
  return handleCommand(deps.store, mediaStream(mediaId), mediaDecider, { type: 'FailProcessing', mediaId, reason, at: deps.clock.now() }, metadata);
}

export async function describeMedia(
  deps: StatusDeps,
  input: { mediaId: string; accountId: string; description: string | null; focus: Focus | null; thumbnail: MediaFile | null },
  metadata: EventMetadata,
) {
  const description = await sealDescription(deps, input.accountId, input.description);
  return handleCommand(deps.store, mediaStream(input.mediaId), mediaDecider, { type: 'DescribeMedia', ...input, description, at: deps.clock.now() }, metadata);
}

/**
 * Claims each attachment for a status, in its own stream, before the status is written:
 * two statuses can never share one upload. Returns the last write for read-your-writes.
 */
export async function attachMedia(deps: CommandDeps, input: { accountId: string; statusId: string; mediaIds: string[] }, metadata: EventMetadata) {
  const results = [];
  for (const mediaId of input.mediaIds) {
    const command = { type: 'AttachMedia' as const, mediaId, accountId: input.accountId, statusId: input.statusId, at: deps.clock.now() };
    results.push({ mediaId, result: await handleCommand(deps.store, mediaStream(mediaId), mediaDecider, command, metadata) });
  }
  return results;
}

/** Delete & redraft: the attachments of a deleted status become free again, until the sweep takes them. */
export async function detachMedia(deps: CommandDeps, input: { statusId: string; mediaIds: string[] }, metadata: EventMetadata) {
  const results = [];
  for (const mediaId of input.mediaIds) {
    const command = { type: 'DetachMedia' as const, mediaId, statusId: input.statusId, at: deps.clock.now() };
    results.push({ mediaId, result: await handleCommand(deps.store, mediaStream(mediaId), mediaDecider, command, metadata) });
  }
  return results;
}

/** By its owner (refused while attached), or by the system's cleanup (accountId null). */
export async function deleteMedia(deps: CommandDeps, input: { mediaId: string; accountId: string | null }, metadata: EventMetadata) {
  return handleCommand(deps.store, mediaStream(input.mediaId), mediaDecider, { type: 'DeleteMedia', ...input, at: deps.clock.now() }, metadata);
}
