import { type Decider, ForbiddenError, NotFoundError } from '@strata/kernel';
import type { EventOf, RemoteStatusClaimed, StatusDeleted, StatusEdited, StatusPosted, Visibility } from '@strata/contracts';

export type StatusEvent = EventOf<typeof StatusPosted> | EventOf<typeof StatusEdited> | EventOf<typeof StatusDeleted>;
type Posted = EventOf<typeof StatusPosted>['data'];
type Edited = EventOf<typeof StatusEdited>['data'];

export type StatusCommand =
  | ({ type: 'PostStatus'; at: Date; mediaIds?: string[]; remote?: Posted['remote'] } & Omit<Posted, 'postedAt' | 'mediaIds' | 'remote'>)
  /** Without mediaIds an edit keeps the attachments the status has. */
  | ({ type: 'EditStatus'; at: Date; mediaIds?: string[] } & Omit<Edited, 'editedAt' | 'mediaIds'>)
  | { type: 'DeleteStatus'; statusId: string; accountId: string; keepMedia?: boolean; at: Date };

export type StatusState =
  | { exists: false }
  | { exists: true; accountId: string; visibility: Visibility; deleted: boolean; edits: number; mediaIds: string[] };

/** One status: posted once, edited and deleted only by its author. */
export const statusDecider: Decider<StatusCommand, StatusEvent, StatusState> = {
  initialState: () => ({ exists: false }),
  evolve(state, event) {
    switch (event.type) {
      case 'StatusPosted':
        return { exists: true, accountId: event.data.accountId, visibility: event.data.visibility, deleted: false, edits: 0, mediaIds: event.data.mediaIds };
      case 'StatusEdited':
        return state.exists ? { ...state, edits: state.edits + 1, mediaIds: event.data.mediaIds } : state;
      case 'StatusDeleted':
        return state.exists ? { ...state, deleted: true } : state;
    }
  },
  decide(command, state) {
    if (command.type === 'PostStatus') {
      if (state.exists) return [];
      const { type: _type, at, ...data } = command;
      return [{ type: 'StatusPosted', data: { ...data, mediaIds: data.mediaIds ?? [], remote: data.remote ?? null, postedAt: at.toISOString() } }];
    }
    if (!state.exists || state.deleted) throw new NotFoundError();
    if (state.accountId !== command.accountId) throw new ForbiddenError();
    if (command.type === 'DeleteStatus') {
      return [{ type: 'StatusDeleted', data: { statusId: command.statusId, accountId: command.accountId, deletedAt: command.at.toISOString(), keepMedia: command.keepMedia ?? false } }];
    }
    const { type: _type, at, ...data } = command;
    return [{ type: 'StatusEdited', data: { ...data, mediaIds: data.mediaIds ?? state.mediaIds, editedAt: at.toISOString() } }];
  },
};

/** The claim on a remote status URI: the first local id given to it stays its id. */
export const remoteStatusClaimDecider: Decider<
  { type: 'ClaimRemoteStatus'; uri: string; statusId: string },
  EventOf<typeof RemoteStatusClaimed>,
  { statusId: string | null }
> = {
  initialState: () => ({ statusId: null }),
  evolve: (state, event) => ({ statusId: state.statusId ?? event.data.statusId }),
  decide: (command, state) => (state.statusId ? [] : [{ type: 'RemoteStatusClaimed', data: { uri: command.uri, statusId: command.statusId } }]),
};
