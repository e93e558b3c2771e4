import { z } from 'zod';
import { SealedData, snowflakeId } from './account.ts';
import { defineEvent } from './registry.ts';

/*
 * What one account keeps about another for itself: endorsements (accounts featured on
 * its profile), private notes and dismissed follow suggestions. One stream per pair and
 * kind, so every toggle is idempotent by construction.
 */
export const endorsementStream = (accountId: string, targetId: string) => `endorsement-${accountId}-${targetId}`;
export const accountNoteStream = (accountId: string, targetId: string) => `account-note-${accountId}-${targetId}`;
export const suggestionDismissalStream = (accountId: string, targetId: string) => `suggestion-dismissal-${accountId}-${targetId}`;

export const AccountEndorsementChanged = defineEvent(
  'AccountEndorsementChanged',
  1,
  z.object({ accountId: snowflakeId, targetId: snowflakeId, endorsed: z.boolean(), at: z.iso.datetime() }),
);

/** The note is sealed with the writer's key: erased with the writer. null clears it. */
export const AccountNoteChanged = defineEvent(
  'AccountNoteChanged',
  1,
  z.object({ accountId: snowflakeId, targetId: snowflakeId, note: SealedData.nullable(), at: z.iso.datetime() }),
);

export const SuggestionDismissed = defineEvent('SuggestionDismissed', 1, z.object({ accountId: snowflakeId, targetId: snowflakeId, at: z.iso.datetime() }));

/** A hashtag featured on a profile; `featuredTagId` names it for removal and stays with it while featured. */
export const featuredTagStream = (accountId: string, tag: string) => `featured-tag-${accountId}-${tag}`;
export const FeaturedTagChanged = defineEvent(
  'FeaturedTagChanged',
  1,
  z.object({ accountId: snowflakeId, featuredTagId: snowflakeId, tag: z.string().min(1).max(100), featured: z.boolean(), at: z.iso.datetime() }),
);

export const accountMarkEvents = [AccountEndorsementChanged, AccountNoteChanged, SuggestionDismissed, FeaturedTagChanged] as const;
