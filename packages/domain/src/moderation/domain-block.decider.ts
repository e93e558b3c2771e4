import type { Decider } from '@strata/kernel';
import type { EventOf, UserDomainBlockChanged } from '@strata/contracts';

export type DomainBlockEvent = EventOf<typeof UserDomainBlockChanged>;
export type DomainBlockCommand = { type: 'SetDomainBlock'; accountId: string; domain: string; blocked: boolean; at: Date };

/** A user's block of one domain: setting it as it already is changes nothing. */
export const domainBlockDecider: Decider<DomainBlockCommand, DomainBlockEvent, { blocked: boolean }> = {
  initialState: () => ({ blocked: false }),
  evolve: (_state, event) => ({ blocked: event.data.blocked }),
  decide(command, state) {
    if (state.blocked === command.blocked) return [];
    const { accountId, domain, blocked, at } = command;
    return [{ type: 'UserDomainBlockChanged', data: { accountId, domain, blocked, at: at.toISOString() } }];
  },
};
