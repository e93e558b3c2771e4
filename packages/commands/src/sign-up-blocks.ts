import type { EventMetadata } from '@strata/kernel';
import { signUpBlockStream } from '@strata/contracts';
import { type SignUpBlockFields, signUpBlockDecider } from '@strata/domain';
import { handleCommand } from './handle.ts';
import type { CommandDeps } from './register-account.ts';

/** Blocks sign-ups by e-mail domain, canonical e-mail address or IP range (IP ranges may also block all access). */
export async function addSignUpBlock(deps: CommandDeps, input: SignUpBlockFields, metadata: EventMetadata) {
  const blockId = deps.ids.next();
  const result = await handleCommand(deps.store, signUpBlockStream(blockId), signUpBlockDecider, { type: 'AddSignUpBlock', blockId, ...input, at: deps.clock.now() }, metadata);
  return { ...result, blockId };
}

export async function changeSignUpBlock(deps: CommandDeps, input: SignUpBlockFields & { blockId: string }, metadata: EventMetadata) {
  return handleCommand(deps.store, signUpBlockStream(input.blockId), signUpBlockDecider, { type: 'ChangeSignUpBlock', ...input, at: deps.clock.now() }, metadata);
}

export async function removeSignUpBlock(deps: CommandDeps, input: { blockId: string }, metadata: EventMetadata) {
  return handleCommand(deps.store, signUpBlockStream(input.blockId), signUpBlockDecider, { type: 'RemoveSignUpBlock', blockId: input.blockId, at: deps.clock.now() }, metadata);
}
