import { type Decider, NotFoundError, ValidationError } from '@strata/kernel';
import type { DomainBlockSettings, EventOf, InstanceDomainAllowRemoved, InstanceDomainAllowed, InstanceDomainBlockRemoved, InstanceDomainBlockSaved } from '@strata/contracts';

export type InstanceDomainBlockEvent = EventOf<typeof InstanceDomainBlockSaved> | EventOf<typeof InstanceDomainBlockRemoved>;
export type InstanceDomainBlockCommand =
  | { type: 'BlockDomain'; blockId: string; domain: string; settings: DomainBlockSettings; at: Date }
  | { type: 'ChangeDomainBlock'; domain: string; settings: DomainBlockSettings; at: Date }
  | { type: 'UnblockDomain'; domain: string; at: Date };
export type InstanceDomainBlockState = ({ blockId: string } & DomainBlockSettings) | null;

/**
 * The instance's block of one server. Blocking a blocked server is a conflict (Mastodon
 * answers 422 and points to the existing block); changing or lifting needs one; saving
 * the same settings again changes nothing.
 */
export const instanceDomainBlockDecider: Decider<InstanceDomainBlockCommand, InstanceDomainBlockEvent, InstanceDomainBlockState> = {
  initialState: () => null,
  evolve(_state, event) {
    if (event.type === 'InstanceDomainBlockRemoved') return null;
    const { blockId, severity, rejectMedia, rejectReports, obfuscate, privateComment, publicComment } = event.data;
    return { blockId, severity, rejectMedia, rejectReports, obfuscate, privateComment, publicComment };
  },
  decide(command, state) {
    const at = command.at.toISOString();
    if (command.type === 'BlockDomain') {
      if (state) throw new ValidationError(`${command.domain} is already blocked`);
      return [{ type: 'InstanceDomainBlockSaved', data: { blockId: command.blockId, domain: command.domain, ...command.settings, at } }];
    }
    if (!state) throw new NotFoundError();
    if (command.type === 'UnblockDomain') return [{ type: 'InstanceDomainBlockRemoved', data: { blockId: state.blockId, domain: command.domain, at } }];
    const { blockId, ...current } = state;
    if (JSON.stringify(current) === JSON.stringify({ ...current, ...command.settings })) return [];
    return [{ type: 'InstanceDomainBlockSaved', data: { blockId, domain: command.domain, ...command.settings, at } }];
  },
};

export type InstanceDomainAllowEvent = EventOf<typeof InstanceDomainAllowed> | EventOf<typeof InstanceDomainAllowRemoved>;
export type InstanceDomainAllowCommand = { type: 'AllowDomain'; allowId: string; domain: string; at: Date } | { type: 'DisallowDomain'; domain: string; at: Date };

/** The instance's allow of one server (limited-federation mode): allowing twice changes nothing. */
export const instanceDomainAllowDecider: Decider<InstanceDomainAllowCommand, InstanceDomainAllowEvent, { allowId: string } | null> = {
  initialState: () => null,
  evolve: (_state, event) => (event.type === 'InstanceDomainAllowed' ? { allowId: event.data.allowId } : null),
  decide(command, state) {
    const at = command.at.toISOString();
    if (command.type === 'AllowDomain') return state ? [] : [{ type: 'InstanceDomainAllowed', data: { allowId: command.allowId, domain: command.domain, at } }];
    if (!state) throw new NotFoundError();
    return [{ type: 'InstanceDomainAllowRemoved', data: { allowId: state.allowId, domain: command.domain, at } }];
  },
};
