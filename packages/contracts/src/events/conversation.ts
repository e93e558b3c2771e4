import { z } from 'zod';
import { snowflakeId } from './account.ts';
import { defineEvent } from './registry.ts';

/** One stream per participant and conversation (its root status): reading or removing it is theirs alone. */
export const conversationStream = (accountId: string, conversationId: string) => `conversation-${accountId}-${conversationId}`;

const fields = { accountId: snowflakeId, conversationId: snowflakeId, at: z.iso.datetime() };
export const ConversationRead = defineEvent('ConversationRead', 1, z.object(fields));
/** Removed from the participant's list until a new status arrives in it, as in Mastodon. */
export const ConversationRemoved = defineEvent('ConversationRemoved', 1, z.object(fields));

export const conversationEvents = [ConversationRead, ConversationRemoved] as const;
