import type { Decider } from '@strata/kernel';
import type { ConversationRead, ConversationRemoved, EventOf } from '@strata/contracts';

export type ConversationEvent = EventOf<typeof ConversationRead> | EventOf<typeof ConversationRemoved>;
export type ConversationCommand = { type: 'MarkConversationRead' | 'RemoveConversation'; accountId: string; conversationId: string; at: Date };

/**
 * A participant's own view of one conversation. Whether it exists for them is the read
 * model's to say (the route answers 404 otherwise); every request is recorded, since a
 * new status may have made it unread or brought it back since the last one.
 */
export const conversationDecider: Decider<ConversationCommand, ConversationEvent, null> = {
  initialState: () => null,
  evolve: (state) => state,
  decide(command) {
    const data = { accountId: command.accountId, conversationId: command.conversationId, at: command.at.toISOString() };
    return [{ type: command.type === 'MarkConversationRead' ? 'ConversationRead' : 'ConversationRemoved', data }];
  },
};
