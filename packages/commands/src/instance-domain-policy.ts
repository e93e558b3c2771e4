import type { EventMetadata } from '@strata/kernel';
import { type DomainBlockSettings, instanceDomainAllowStream, instanceDomainBlockStream } from '@strata/contracts';
import { instanceDomainAllowDecider, instanceDomainBlockDecider } from '@strata/domain';
import { handleCommand } from './handle.ts';
import type { CommandDeps } from './register-account.ts';

/** An admin blocks a server (422 when it already is); the metadata's actor is the admin. */
export async function blockInstanceDomain(deps: CommandDeps, input: { domain: string; settings: DomainBlockSettings }, metadata: EventMetadata) {
  const blockId = deps.ids.next();
  const command = { type: 'BlockDomain' as const, blockId, ...input, at: deps.clock.now() };
  return handleCommand(deps.store, instanceDomainBlockStream(input.domain), instanceDomainBlockDecider, command, metadata);
}

/** Changes the settings of an existing block (404 when there is none). */
export async function changeInstanceDomainBlock(deps: CommandDeps, input: { domain: string; settings: DomainBlockSettings }, metadata: EventMetadata) {
  const command = { type: 'ChangeDomainBlock' as const, ...input, at: deps.clock.now() };
  return handleCommand(deps.store, instanceDomainBlockStream(input.domain), instanceDomainBlockDecider, command, metadata);
}

export async function unblockInstanceDomain(deps: CommandDeps, input: { domain: string }, metadata: EventMetadata) {
  return handleCommand(deps.store, instanceDomainBlockStream(input.domain), instanceDomainBlockDecider, { type: 'UnblockDomain', ...input, at: deps.clock.now() }, metadata);
}

/** Lets a server federate in limited-federation mode (allowing twice changes nothing). */
export async function allowInstanceDomain(deps: CommandDeps, input: { domain: string }, metadata: EventMetadata) {
  const command = { type: 'AllowDomain' as const, allowId: deps.ids.next(), ...input, at: deps.clock.now() };
  return handleCommand(deps.store, instanceDomainAllowStream(input.domain), instanceDomainAllowDecider, command, metadata);
}

export async function disallowInstanceDomain(deps: CommandDeps, input: { domain: string }, metadata: EventMetadata) {
  return handleCommand(deps.store, instanceDomainAllowStream(input.domain), instanceDomainAllowDecider, { type: 'DisallowDomain', ...input, at: deps.clock.now() }, metadata);
}
