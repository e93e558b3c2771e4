import { type Decider, ValidationError } from '@strata/kernel';
import type { AccountDeleted, EventOf, RemoteAccountFetched, RemoteActorClaimed, RemoteActorDocument } from '@strata/contracts';

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
/** The peer deleted its actor (Delete of the actor itself): the account goes as a deleted local one does. */
export type DeleteRemoteAccount = { type: 'DeleteRemoteAccount'; accountId: string; at: Date };
type RemoteAccountEvent = EventOf<typeof RemoteAccountFetched> | EventOf<typeof AccountDeleted>;
type RemoteAccountState = { uri: string | null; username: string | null; deleted: boolean };

/**
 * A remote account's stream: each fetch records the whole actor as the peer serves it.
 * The actor URI never changes under an account (a different URI is a different account);
 * a deleted account takes no more fetches.
 */
export const remoteAccountDecider: Decider<RecordRemoteAccount | DeleteRemoteAccount, RemoteAccountEvent, RemoteAccountState> = {
  initialState: () => ({ uri: null, username: null, deleted: false }),
  // the stream holds other events too (moderation): only these two change what is decided here
  evolve(state, event) {
    if (event.type === 'AccountDeleted') return { ...state, deleted: true };
    if (event.type === 'RemoteAccountFetched') return { ...state, uri: event.data.uri, username: event.data.username };
    return state;
  },
  decide(command, state) {
    if (state.deleted) return [];
    if (command.type === 'DeleteRemoteAccount') {
      if (state.username === null) return [];
      return [{ type: 'AccountDeleted', data: { accountId: command.accountId, username: state.username, by: 'owner', deletedAt: command.at.toISOString() } }];
    }
    if (state.uri !== null && state.uri !== command.actor.uri) throw new ValidationError('Actor URI of a remote account cannot change');
    return [{ type: 'RemoteAccountFetched', data: { ...command.actor, accountId: command.accountId, profile: command.profile, fetchedAt: command.at.toISOString() } }];
  },
};
