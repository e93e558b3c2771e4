import { type Decider, NotFoundError } from '@strata/kernel';
import type { AccountFollowed, EventOf, FollowEnded, FollowOptionsChanged, FollowRequested } from '@strata/contracts';

export type FollowEvent =
  | EventOf<typeof FollowRequested>
  | EventOf<typeof AccountFollowed>
  | EventOf<typeof FollowOptionsChanged>
  | EventOf<typeof FollowEnded>;

export interface FollowOptions {
  reblogs: boolean;
  notify: boolean;
  languages: string[] | null;
}

type Pair = { followerId: string; followedId: string; at: Date };
export type FollowCommand =
  | (Pair & { type: 'Follow'; locked: boolean; id: string; options: Partial<FollowOptions>; activityUri?: string })
  | (Pair & { type: 'Unfollow' })
  | (Pair & { type: 'AuthorizeFollow'; id: string })
  | (Pair & { type: 'RejectFollow' })
  | (Pair & { type: 'RemoveFollower' })
  | (Pair & { type: 'EndFollowForBlock' });

/** `activityUri`: the Follow activity a remote follower sent, which the Accept must name. */
export type FollowState = { state: 'none' | 'requested' | 'following'; activityUri?: string } & FollowOptions;

const DEFAULTS: FollowOptions = { reblogs: true, notify: false, languages: null };
const activity = (activityUri: string | undefined) => (activityUri ? { activityUri } : {});

/** A follow between two accounts: requested when the followed account is locked, following once accepted. */
export const followDecider: Decider<FollowCommand, FollowEvent, FollowState> = {
  initialState: () => ({ state: 'none', ...DEFAULTS }),
  evolve(state, event) {
    switch (event.type) {
      case 'FollowRequested':
        return { state: 'requested', ...activity(event.data.activityUri), reblogs: event.data.reblogs, notify: event.data.notify, languages: event.data.languages };
      case 'AccountFollowed':
        return { state: 'following', ...activity(event.data.activityUri ?? state.activityUri), reblogs: event.data.reblogs, notify: event.data.notify, languages: event.data.languages };
      case 'FollowOptionsChanged':
        return { ...state, reblogs: event.data.reblogs, notify: event.data.notify, languages: event.data.languages };
      case 'FollowEnded':
        return { state: 'none', ...DEFAULTS };
    }
  },
  decide(command, state) {
    const pair = { followerId: command.followerId, followedId: command.followedId };
    const at = command.at.toISOString();
    // the remote follower's Follow goes along, so that its Reject can name it
    const end = (reason: 'unfollowed' | 'rejected' | 'removed' | 'blocked'): FollowEvent[] => [
      { type: 'FollowEnded', data: { ...pair, ...activity(state.activityUri), reason, at } },
    ];
    switch (command.type) {
      case 'Follow': {
        const options = { ...(state.state === 'none' ? DEFAULTS : state), ...command.options };
        const optionsData = { reblogs: options.reblogs, notify: options.notify, languages: options.languages, ...activity(command.activityUri) };
        if (state.state === 'none') {
          return command.locked
            ? [{ type: 'FollowRequested', data: { ...pair, ...optionsData, requestId: command.id, at } }]
            : [{ type: 'AccountFollowed', data: { ...pair, ...optionsData, followId: command.id, at } }];
        }
        const changed = options.reblogs !== state.reblogs || options.notify !== state.notify || JSON.stringify(options.languages) !== JSON.stringify(state.languages);
        return changed ? [{ type: 'FollowOptionsChanged', data: { ...pair, reblogs: options.reblogs, notify: options.notify, languages: options.languages } }] : [];
      }
      case 'Unfollow':
        return state.state === 'none' ? [] : end('unfollowed');
      case 'AuthorizeFollow':
        if (state.state === 'following') return [];
        if (state.state !== 'requested') throw new NotFoundError();
        return [{ type: 'AccountFollowed', data: { ...pair, reblogs: state.reblogs, notify: state.notify, languages: state.languages, ...activity(state.activityUri), followId: command.id, at } }];
      case 'RejectFollow':
        if (state.state === 'none') throw new NotFoundError();
        return state.state === 'requested' ? end('rejected') : [];
      case 'RemoveFollower':
        return state.state === 'following' ? end('removed') : [];
      case 'EndFollowForBlock':
        return state.state === 'none' ? [] : end('blocked');
    }
  },
};
