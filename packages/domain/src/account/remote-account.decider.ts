import { type Decider, NotFoundError, ValidationError } from '@strata/kernel';
import type { AccountDeleted, EventOf, RemoteAccountBackfillFinished, RemoteAccountBackfillRequested, RemoteAccountFetched, RemoteAccountImageCached, RemoteAccountMoved, RemoteActorClaimed, RemoteActorDocument } from '@strata/contracts';

type SealedProfile = EventOf<typeof RemoteAccountFetched>['data']['profile'];

/** The claim on a remote actor URI: the first local id given to it stays its id. */
export const remoteActorClaimDecider: Decider<
  { type: 'ClaimRemoteActor'; uri: string; accountId: string },
  EventOf<typeof RemoteActorClaimed>,
  { accountId: string | null }
> = {
  initialState: () => ({ accountId: null }),
  evolve: (state, event) => ({ accountId: state.accountId ?? event.data.accountId }),
  decide: (command, state) => (state.accountId ? [] : [{ type: 'RemoteActorClaimed', data: { uri: command.uri, accountId: command.accountId } }]),
};

export type RecordRemoteAccount = { type: 'RecordRemoteAccount'; accountId: string; actor: RemoteActorDocument; profile: SealedProfile; at: Date };
export type RecordRemoteMove = { type: 'RecordRemoteMove'; accountId: string; movedToAccountId: string; at: Date };
/** The peer deleted its actor (Delete of the actor itself): the account goes as a deleted local one does. */
export type DeleteRemoteAccount = { type: 'DeleteRemoteAccount'; accountId: string; at: Date };
/** Its avatar or header, fetched and stored here (the job that did it checked the profile still names `source`). */
export type CacheRemoteAccountImage = { type: 'CacheRemoteAccountImage'; accountId: string } & Omit<EventOf<typeof RemoteAccountImageCached>['data'], 'cachedAt'> & { at: Date };
type RemoteAccountEvent = EventOf<typeof RemoteAccountFetched> | EventOf<typeof RemoteAccountMoved> | EventOf<typeof AccountDeleted> | EventOf<typeof RemoteAccountImageCached>;
type RemoteAccountState = { uri: string | null; username: string | null; movedToAccountId: string | null; deleted: boolean };

/**
 * A remote account's stream: each fetch records the whole actor as the peer serves it.
 * The actor URI never changes under an account (a different URI is a different account);
 * a move to another account is recorded once per target; a deleted account takes no
 * more fetches or moves.
 */
export const remoteAccountDecider: Decider<RecordRemoteAccount | RecordRemoteMove | DeleteRemoteAccount | CacheRemoteAccountImage, RemoteAccountEvent, RemoteAccountState> = {
  initialState: () => ({ uri: null, username: null, movedToAccountId: null, deleted: false }),
  // the stream holds other events too (moderation): only these change what is decided here
  evolve(state, event) {
    if (event.type === 'AccountDeleted') return { ...state, deleted: true };
    if (event.type === 'RemoteAccountFetched') return { ...state, uri: event.data.uri, username: event.data.username };
    if (event.type === 'RemoteAccountMoved') return { ...state, movedToAccountId: event.data.movedToAccountId };
    return state;
  },
  decide(command, state) {
    if (state.deleted) return [];
    if (command.type === 'DeleteRemoteAccount') {
      if (state.username === null) return [];
      return [{ type: 'AccountDeleted', data: { accountId: command.accountId, username: state.username, by: 'owner', deletedAt: command.at.toISOString() } }];
    }
    if (command.type === 'CacheRemoteAccountImage') {
      if (state.uri === null) throw new NotFoundError();
      const { type: _type, at, ...data } = command;
      return [{ type: 'RemoteAccountImageCached', data: { ...data, cachedAt: at.toISOString() } }];
    }
    if (command.type === 'RecordRemoteMove') {
      if (state.uri === null) throw new NotFoundError();
      if (command.movedToAccountId === command.accountId) throw new ValidationError('An account cannot move to itself');
      if (state.movedToAccountId === command.movedToAccountId) return [];
      return [{ type: 'RemoteAccountMoved', data: { accountId: command.accountId, movedToAccountId: command.movedToAccountId, at: command.at.toISOString() } }];
    }
    if (state.uri !== null && state.uri !== command.actor.uri) throw new ValidationError('Actor URI of a remote account cannot change');
    return [{ type: 'RemoteAccountFetched', data: { ...command.actor, accountId: command.accountId, profile: command.profile, fetchedAt: command.at.toISOString() } }];
  },
};

/** A backfill from the outbox is asked for at most once in this long per account. */
export const BACKFILL_EVERY_MS = 24 * 60 * 60 * 1000;

type BackfillCommand =
  | { type: 'RequestBackfill'; accountId: string; at: Date }
  | { type: 'FinishBackfill'; accountId: string; requestedAt: string; recorded: number; at: Date };
type BackfillEvent = EventOf<typeof RemoteAccountBackfillRequested> | EventOf<typeof RemoteAccountBackfillFinished>;

/**
 * Outbox backfills of a remote account: the first view asks for one, later views within a
 * day do not; the job that ran it says it finished, once, and only for the last request.
 */
export const remoteBackfillDecider: Decider<BackfillCommand, BackfillEvent, { lastAt: string | null; finished: boolean }> = {
  initialState: () => ({ lastAt: null, finished: false }),
  evolve: (state, event) =>
    event.type === 'RemoteAccountBackfillRequested' ? { lastAt: event.data.at, finished: false } : { ...state, finished: state.finished || event.data.requestedAt === state.lastAt },
  decide: (command, state) => {
    if (command.type === 'FinishBackfill') {
      if (state.finished || command.requestedAt !== state.lastAt) return [];
      const { accountId, requestedAt, recorded } = command;
      return [{ type: 'RemoteAccountBackfillFinished', data: { accountId, requestedAt, recorded, at: command.at.toISOString() } }];
    }
    return state.lastAt !== null && command.at.getTime() - Date.parse(state.lastAt) < BACKFILL_EVERY_MS
      ? []
      : [{ type: 'RemoteAccountBackfillRequested', data: { accountId: command.accountId, at: command.at.toISOString() } }];
  },
};
