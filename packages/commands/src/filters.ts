import type { EventMetadata } from '@strata/kernel';
import { filterStream } from '@strata/contracts';
import { type FilterCommand, filterDecider } from '@strata/domain';
import { handleCommand } from './handle.ts';
import type { CommandDeps } from './register-account.ts';

type WithoutTime<C> = C extends { at: Date } ? Omit<C, 'at'> : C;

/** Every filter change goes through the filter's own stream, checked against its owner there. */
export async function changeFilter(deps: CommandDeps, command: WithoutTime<FilterCommand>, metadata: EventMetadata) {
  const full = { ...command, at: deps.clock.now() } as FilterCommand;
  return handleCommand(deps.store, filterStream(command.filterId), filterDecider, full, metadata);
}
