import { createHash } from 'node:crypto';
import type { EventMetadata } from '@strata/kernel';
import { type RemoteActorDocument, type RemoteProfileContent, accountStream, remoteActorStream, remoteBackfillStream } from '@strata/contracts';
import { remoteAccountDecider, remoteActorClaimDecider, remoteBackfillDecider } from '@strata/domain';
import { handleCommand } from './handle.ts';
import type { CommandDeps } from './register-account.ts';
import type { StatusDeps } from './statuses.ts';

/**
 * Records a remote actor as fetched from its server: its URI is claimed first (so every
 * process gives it the same local id), then the whole actor is recorded on the account's
 * stream, the profile sealed with the account's own key like a local profile.
 */
export async function recordRemoteAccount(deps: StatusDeps, actor: RemoteActorDocument, profile: RemoteProfileContent, metadata: EventMetadata) {
  const at = deps.clock.now();
  const claim = await handleCommand(
    deps.store,
    remoteActorStream(createHash('sha256').update(actor.uri).digest('hex').slice(0, 40)),
    remoteActorClaimDecider,
    { type: 'ClaimRemoteActor', uri: actor.uri, accountId: deps.ids.next(at.getTime()) },
    metadata,
  );
  const accountId = claim.state.accountId!;
  await deps.personalData.ensureSubject(accountId);
  const sealed = await deps.personalData.seal(accountId, profile);
  const result = await handleCommand(deps.store, accountStream(accountId), remoteAccountDecider, { type: 'RecordRemoteAccount', accountId, actor, profile: sealed, at }, metadata);
  return { accountId, result };
}

/**
 * A remote actor deleted on its server: `AccountDeleted` on its stream (the projections
 * remove its statuses, follows and reactions as for a local deletion), then its sealed
 * profile and statuses become unreadable in the log.
 */
export async function deleteRemoteAccount(deps: StatusDeps, accountId: string, metadata: EventMetadata) {
  const result = await handleCommand(deps.store, accountStream(accountId), remoteAccountDecider, { type: 'DeleteRemoteAccount', accountId, at: deps.clock.now() }, metadata);
  await deps.personalData.shred(accountId);
  return result;
}

/** A remote account moved to another one (already checked to name it as an alias). */
export async function recordRemoteMove(deps: StatusDeps, input: { accountId: string; movedToAccountId: string }, metadata: EventMetadata) {
  return handleCommand(deps.store, accountStream(input.accountId), remoteAccountDecider, { type: 'RecordRemoteMove', ...input, at: deps.clock.now() }, metadata);
}

/** Asks for a remote account's recent statuses to be fetched from its outbox (by a job: delivery reacts to the event). */
export async function requestRemoteBackfill(deps: CommandDeps, accountId: string, metadata: EventMetadata) {
  return handleCommand(deps.store, remoteBackfillStream(accountId), remoteBackfillDecider, { type: 'RequestBackfill', accountId, at: deps.clock.now() }, metadata);
}

/** A remote account's avatar or header, stored here under `key`, made from the picture at `sourceUrl` (sealed: it is part of the profile). */
export async function cacheRemoteAccountImage(deps: StatusDeps, input: { accountId: string; kind: 'avatar' | 'header'; sourceUrl: string; key: string }, metadata: EventMetadata) {
  const source = await deps.personalData.seal(input.accountId, { url: input.sourceUrl });
  const command = { type: 'CacheRemoteAccountImage' as const, accountId: input.accountId, kind: input.kind, source, key: input.key, at: deps.clock.now() };
  return handleCommand(deps.store, accountStream(input.accountId), remoteAccountDecider, command, metadata);
}

/** The backfill asked for at `requestedAt` ran and recorded this many statuses (said once, by the job that ran it). */
export async function finishRemoteBackfill(deps: CommandDeps, input: { accountId: string; requestedAt: string; recorded: number }, metadata: EventMetadata) {
  return handleCommand(deps.store, remoteBackfillStream(input.accountId), remoteBackfillDecider, { type: 'FinishBackfill', ...input, at: deps.clock.now() }, metadata);
}
