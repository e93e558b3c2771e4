import type { Decider } from '@strata/kernel';
import type { AccountEndorsementChanged, AccountNoteChanged, EventOf, SuggestionDismissed } from '@strata/contracts';

export type EndorsementEvent = EventOf<typeof AccountEndorsementChanged>;
export type EndorseCommand = { type: 'SetEndorsement'; accountId: string; targetId: string; endorsed: boolean; at: Date };

/** Featuring an account on one's profile: an idempotent switch per pair. */
export const endorsementDecider: Decider<EndorseCommand, EndorsementEvent, { endorsed: boolean }> = {
  initialState: () => ({ endorsed: false }),
  evolve: (_state, event) => ({ endorsed: event.data.endorsed }),
  decide(command, state) {
    if (state.endorsed === command.endorsed) return [];
    const { accountId, targetId, endorsed } = command;
    return [{ type: 'AccountEndorsementChanged', data: { accountId, targetId, endorsed, at: command.at.toISOString() } }];
  },
};

export type AccountNoteEvent = EventOf<typeof AccountNoteChanged>;
export type SetNoteCommand = { type: 'SetAccountNote'; accountId: string; targetId: string; note: AccountNoteEvent['data']['note']; at: Date };

/** A private note on another account; clearing an absent note changes nothing (a sealed note cannot be compared). */
export const accountNoteDecider: Decider<SetNoteCommand, AccountNoteEvent, { hasNote: boolean }> = {
  initialState: () => ({ hasNote: false }),
  evolve: (_state, event) => ({ hasNote: event.data.note !== null }),
  decide(command, state) {
    if (command.note === null && !state.hasNote) return [];
    const { accountId, targetId, note } = command;
    return [{ type: 'AccountNoteChanged', data: { accountId, targetId, note, at: command.at.toISOString() } }];
  },
};

export type DismissalEvent = EventOf<typeof SuggestionDismissed>;
export type DismissCommand = { type: 'DismissSuggestion'; accountId: string; targetId: string; at: Date };

/** Dismissing a follow suggestion: once per pair, for good. */
export const suggestionDismissalDecider: Decider<DismissCommand, DismissalEvent, { dismissed: boolean }> = {
  initialState: () => ({ dismissed: false }),
  evolve: () => ({ dismissed: true }),
  decide(command, state) {
    if (state.dismissed) return [];
    return [{ type: 'SuggestionDismissed', data: { accountId: command.accountId, targetId: command.targetId, at: command.at.toISOString() } }];
  },
};
