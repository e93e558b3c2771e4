import { type Decider, ValidationError } from '@strata/kernel';
import type { EventOf, RemoteAccountFetched, RemoteActorClaimed, RemoteActorDocument } from '@strata/contracts';

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

/**
 * A remote account's stream: each fetch records the whole actor as the peer serves it.
 * The actor URI never changes under an account (a different URI is a different account).
 */
export const remoteAccountDecider: Decider<RecordRemoteAccount, EventOf<typeof RemoteAccountFetched>, { uri: string | null }> = {
  initialState: () => ({ uri: null }),
  evolve: (_state, event) => ({ uri: event.data.uri }),
  decide(command, state) {
    if (state.uri !== null && state.uri !== command.actor.uri) throw new ValidationError('Actor URI of a remote account cannot change');
    return [{ type: 'RemoteAccountFetched', data: { ...command.actor, accountId: command.accountId, profile: command.profile, fetchedAt: command.at.toISOString() } }];
  },
};
