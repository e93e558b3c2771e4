import type { Decider } from '@strata/kernel';
import type { AccountBlocked, AccountMuted, AccountUnblocked, AccountUnmuted, EventOf } from '@strata/contracts';

type Pair = { accountId: string; targetId: string; at: Date };

export type BlockEvent = EventOf<typeof AccountBlocked> | EventOf<typeof AccountUnblocked>;
export type BlockCommand = (Pair & { type: 'Block'; id: string }) | (Pair & { type: 'Unblock' });

export const blockDecider: Decider<BlockCommand, BlockEvent, { blocked: boolean }> = {
  initialState: () => ({ blocked: false }),
  evolve: (_state, event) => ({ blocked: event.type === 'AccountBlocked' }),
  decide(command, state) {
    const data = { accountId: command.accountId, targetId: command.targetId, at: command.at.toISOString() };
    if (command.type === 'Block') return state.blocked ? [] : [{ type: 'AccountBlocked', data: { ...data, blockId: command.id } }];
    return state.blocked ? [{ type: 'AccountUnblocked', data }] : [];
  },
};

export type MuteEvent = EventOf<typeof AccountMuted> | EventOf<typeof AccountUnmuted>;
export type MuteCommand =
  | (Pair & { type: 'Mute'; id: string; notifications: boolean; expiresAt: string | null })
  | (Pair & { type: 'Unmute' });
export type MuteState = { muted: boolean; notifications: boolean; expiresAt: string | null };

/** Muting again with other options replaces them (Mastodon lets a mute be re-set). */
export const muteDecider: Decider<MuteCommand, MuteEvent, MuteState> = {
  initialState: () => ({ muted: false, notifications: true, expiresAt: null }),
  evolve: (_state, event) =>
    event.type === 'AccountMuted'
      ? { muted: true, notifications: event.data.notifications, expiresAt: event.data.expiresAt }
      : { muted: false, notifications: true, expiresAt: null },
  decide(command, state) {
    const data = { accountId: command.accountId, targetId: command.targetId, at: command.at.toISOString() };
    if (command.type === 'Unmute') return state.muted ? [{ type: 'AccountUnmuted', data }] : [];
    const same = state.muted && state.notifications === command.notifications && state.expiresAt === command.expiresAt;
    return same ? [] : [{ type: 'AccountMuted', data: { ...data, muteId: command.id, notifications: command.notifications, expiresAt: command.expiresAt } }];
  },
};
