import type { Decider } from '@strata/kernel';
import type { EventOf, TagFollowChanged } from '@strata/contracts';

export type TagFollowEvent = EventOf<typeof TagFollowChanged>;
export type TagFollowCommand = { type: 'SetTagFollow'; accountId: string; tag: string; following: boolean; at: Date };

/** Following a hashtag: an idempotent switch per account and tag. */
export const tagFollowDecider: Decider<TagFollowCommand, TagFollowEvent, { following: boolean }> = {
  initialState: () => ({ following: false }),
  evolve: (_state, event) => ({ following: event.data.following }),
  decide(command, state) {
    if (state.following === command.following) return [];
    return [{ type: 'TagFollowChanged', data: { accountId: command.accountId, tag: command.tag, following: command.following, at: command.at.toISOString() } }];
  },
};
