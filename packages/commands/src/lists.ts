import type { EventMetadata } from '@strata/kernel';
import { listStream } from '@strata/contracts';
import { type ListCommand, listDecider } from '@strata/domain';
import { handleCommand } from './handle.ts';
import type { CommandDeps } from './register-account.ts';

type WithoutTime<C> = C extends { at: Date } ? Omit<C, 'at'> : C;

/** Every list change goes through the list's own stream, checked against its owner there. */
export async function changeList(deps: CommandDeps, command: WithoutTime<ListCommand>, metadata: EventMetadata) {
  const full = { ...command, at: deps.clock.now() } as ListCommand;
  return handleCommand(deps.store, listStream(command.listId), listDecider, full, metadata);
}
