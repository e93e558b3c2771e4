import type { EventMetadata } from '@strata/kernel';
import { conversationStream } from '@strata/contracts';
import { type ConversationCommand, conversationDecider } from '@strata/domain';
import { handleCommand } from './handle.ts';
import type { CommandDeps } from './register-account.ts';

/** Marks a conversation read, or removes it from its participant's list. */
export async function changeConversation(deps: CommandDeps, command: Omit<ConversationCommand, 'at'>, metadata: EventMetadata) {
  const full: ConversationCommand = { ...command, at: deps.clock.now() };
  return handleCommand(deps.store, conversationStream(command.accountId, command.conversationId), conversationDecider, full, metadata);
}
