import { createHash } from 'node:crypto';
import { type EventMetadata, WrongExpectedRevisionError } from '@strata/kernel';
import {
  type PollFields,
  type QuotePolicy,
  type StatusContent,
  type StatusToggleKind,
  type Visibility,
  idempotencyStream,
  reblogStream,
  statusStream,
  tagFollowStream,
  toggleStream,
} from '@strata/contracts';
import { reblogDecider, statusDecider, tagFollowDecider, toggleDecider } from '@strata/domain';
import type { PersonalDataVault } from '@strata/personal-data';
import { type CommandResult, handleCommand } from './handle.ts';
import { attachMedia } from './media.ts';
import type { CommandDeps } from './register-account.ts';
import type { Written } from './written.ts';

export type StatusDeps = CommandDeps & { personalData: PersonalDataVault };

export interface NewStatus {
  accountId: string;
  visibility: Visibility;
  inReplyToId: string | null;
  inReplyToAccountId: string | null;
  sensitive: boolean;
  language: string | null;
  mentionedAccountIds: string[];
  content: StatusContent;
  applicationId: string | null;
  /** Uploads to attach, in order; each is claimed for this status first. */
  mediaIds?: string[];
  /** A poll (its option titles in `content.pollOptions`). */
  poll?: PollFields | null;
  /** Chosen beforehand when a retried job must post the same status (scheduled statuses). */
  statusId?: string;
  /** The status it quotes, checked against that status's policy by the caller. */
  quote?: { statusId: string; accountId: string } | null;
  quotePolicy?: QuotePolicy;
}

const IDEMPOTENCY_WINDOW_MS = 60 * 60 * 1000;

/**
 * Posts a status. With an Idempotency-Key, the key is claimed in a stream of its own
 * first: a retried request within the hour gets the status of the first one back.
 */
export async function postStatus(deps: StatusDeps, input: NewStatus, metadata: EventMetadata, idempotencyKey?: string) {
  const at = deps.clock.now();
  const statusId = input.statusId ?? deps.ids.next(at.getTime());
  if (idempotencyKey) {
    const earlier = await claimIdempotencyKey(deps, input.accountId, idempotencyKey, statusId, at, metadata);
    // the retried request waits for the first one's status like its own
    if (earlier) return { statusId: earlier, result: { stream: statusStream(earlier), revision: 0, appended: 1 } satisfies Written };
  }
  const mediaIds = input.mediaIds ?? [];
  await attachMedia(deps, { accountId: input.accountId, statusId, mediaIds }, metadata);
  const content = await deps.personalData.seal(input.accountId, input.content);
  const command = { type: 'PostStatus' as const, statusId, ...input, mediaIds, content, at };
  const result = await handleCommand(deps.store, statusStream(statusId), statusDecider, command, metadata);
  return { statusId, result };
}

async function claimIdempotencyKey(deps: StatusDeps, accountId: string, key: string, statusId: string, at: Date, metadata: EventMetadata) {
  const stream = idempotencyStream(accountId, createHash('sha256').update(key).digest('hex').slice(0, 32));
  const claim = { type: 'IdempotencyKeyUsed', data: { accountId, statusId, at: at.toISOString() }, metadata };
  const existing = await deps.store.readStream(stream);
  const last = existing.at(-1);
  if (last && at.getTime() - Date.parse((last.data as { at: string }).at) < IDEMPOTENCY_WINDOW_MS) return (last.data as { statusId: string }).statusId;
  try {
    await deps.store.append(stream, [claim], { expectedRevision: last ? last.revision : 'no_stream' });
    return undefined;
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
    const winner = (await deps.store.readStream(stream)).at(-1);
    return (winner?.data as { statusId: string } | undefined)?.statusId;
  }
}

export async function editStatus(
  deps: StatusDeps,
  input: {
    statusId: string;
    accountId: string;
    sensitive: boolean;
    language: string | null;
    mentionedAccountIds: string[];
    content: StatusContent;
    mediaIds?: string[];
    poll?: PollFields | null;
  },
  metadata: EventMetadata,
) {
  // attachments already on the status are claimed again as no-ops; new ones are claimed now
  if (input.mediaIds) await attachMedia(deps, { accountId: input.accountId, statusId: input.statusId, mediaIds: input.mediaIds }, metadata);
  const content = await deps.personalData.seal(input.accountId, input.content);
  return handleCommand(deps.store, statusStream(input.statusId), statusDecider, { type: 'EditStatus', ...input, content, at: deps.clock.now() }, metadata);
}

export async function deleteStatus(deps: CommandDeps, input: { statusId: string; accountId: string; keepMedia?: boolean }, metadata: EventMetadata) {
  const command = { type: 'DeleteStatus' as const, ...input, keepMedia: input.keepMedia ?? false, at: deps.clock.now() };
  return handleCommand(deps.store, statusStream(input.statusId), statusDecider, command, metadata);
}

/** Boosts (idempotent: boosting twice returns the first boost's id). */
export async function reblogStatus(
  deps: CommandDeps,
  input: { accountId: string; statusId: string; statusAccountId: string; visibility: Visibility },
  metadata: EventMetadata,
): Promise<{ reblogId: string; result: CommandResult<{ reblogId: string | null }> }> {
  const at = deps.clock.now();
  const result = await handleCommand(
    deps.store,
    reblogStream(input.accountId, input.statusId),
    reblogDecider,
    { type: 'Reblog', reblogId: deps.ids.next(at.getTime()), ...input, at },
    metadata,
  );
  return { reblogId: result.state.reblogId!, result };
}

export async function unreblogStatus(deps: CommandDeps, input: { accountId: string; statusId: string }, metadata: EventMetadata) {
  return handleCommand(deps.store, reblogStream(input.accountId, input.statusId), reblogDecider, { type: 'Unreblog', ...input, at: deps.clock.now() }, metadata);
}

export async function toggleStatusMark(
  deps: CommandDeps,
  input: { kind: StatusToggleKind; on: boolean; accountId: string; statusId: string; statusAccountId: string },
  metadata: EventMetadata,
) {
  const at = deps.clock.now();
  return handleCommand(
    deps.store,
    toggleStream(input.kind, input.accountId, input.statusId),
    toggleDecider,
    { type: 'Toggle', ...input, toggleId: deps.ids.next(at.getTime()), at },
    metadata,
  );
}

export async function setTagFollow(deps: CommandDeps, input: { accountId: string; tag: string; following: boolean }, metadata: EventMetadata) {
  return handleCommand(deps.store, tagFollowStream(input.accountId, input.tag), tagFollowDecider, { type: 'SetTagFollow', ...input, at: deps.clock.now() }, metadata);
}
