import type { Decider } from '@strata/kernel';
import type { EventOf, StatusReblogged, StatusToggleKind, StatusToggled, StatusUnreblogged } from '@strata/contracts';

export type ReblogEvent = EventOf<typeof StatusReblogged> | EventOf<typeof StatusUnreblogged>;
export type ReblogCommand =
  | ({ type: 'Reblog'; at: Date } & Omit<EventOf<typeof StatusReblogged>['data'], 'rebloggedAt'>)
  | { type: 'Unreblog'; accountId: string; statusId: string; at: Date };
export type ReblogState = { reblogId: string | null };

/** A boost per booster and status: boosting twice returns the first boost, unboosting twice is a no-op. */
export const reblogDecider: Decider<ReblogCommand, ReblogEvent, ReblogState> = {
  initialState: () => ({ reblogId: null }),
  evolve: (_state, event) => ({ reblogId: event.type === 'StatusReblogged' ? event.data.reblogId : null }),
  decide(command, state) {
    if (command.type === 'Reblog') {
      if (state.reblogId) return [];
      const { type: _type, at, ...data } = command;
      return [{ type: 'StatusReblogged', data: { ...data, rebloggedAt: at.toISOString() } }];
    }
    if (!state.reblogId) return [];
    return [{ type: 'StatusUnreblogged', data: { reblogId: state.reblogId, accountId: command.accountId, statusId: command.statusId, at: command.at.toISOString() } }];
  },
};

export type ToggleEvent = EventOf<typeof StatusToggled>;
export type ToggleCommand = { type: 'Toggle'; at: Date } & Omit<ToggleEvent['data'], 'at'>;
export type ToggleState = { on: boolean; kind: StatusToggleKind | null };

/** Favourite, bookmark, pin and conversation mute: idempotent switches, one stream per account and status. */
export const toggleDecider: Decider<ToggleCommand, ToggleEvent, ToggleState> = {
  initialState: () => ({ on: false, kind: null }),
  evolve: (_state, event) => ({ on: event.data.on, kind: event.data.kind }),
  decide(command, state) {
    if (state.on === command.on) return [];
    const { type: _type, at, ...data } = command;
    return [{ type: 'StatusToggled', data: { ...data, at: at.toISOString() } }];
  },
};
