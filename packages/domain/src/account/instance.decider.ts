import type { Decider } from '@strata/kernel';
import type { EventOf, RegistrationMode, RegistrationModeChanged } from '@strata/contracts';

export type InstanceEvent = EventOf<typeof RegistrationModeChanged>;
export type InstanceCommand = { type: 'ChangeRegistrationMode'; mode: RegistrationMode; at: Date };
export type InstanceState = { registrationMode: RegistrationMode | null };

/** Run-time instance settings; null means "as configured". */
export const instanceDecider: Decider<InstanceCommand, InstanceEvent, InstanceState> = {
  initialState: () => ({ registrationMode: null }),
  evolve: (_state, event) => ({ registrationMode: event.data.mode }),
  decide(command, state) {
    if (state.registrationMode === command.mode) return [];
    return [{ type: 'RegistrationModeChanged', data: { mode: command.mode, changedAt: command.at.toISOString() } }];
  },
};
