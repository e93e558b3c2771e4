import { z } from 'zod';
import { snowflakeId } from './account.ts';
import { defineEvent } from './registry.ts';

/** One stream per sign-up block (an e-mail domain, a canonical e-mail hash, an IP range). */
export const signUpBlockStream = (blockId: string) => `sign-up-block-${blockId}`;

export const SignUpBlockKind = z.enum(['email_domain', 'canonical_email', 'ip']);
export type SignUpBlockKind = z.infer<typeof SignUpBlockKind>;

/** Mastodon's IP block severities; e-mail blocks refuse sign-ups or send them to approval. */
export const SignUpBlockSeverity = z.enum(['sign_up_requires_approval', 'sign_up_block', 'no_access']);
export type SignUpBlockSeverity = z.infer<typeof SignUpBlockSeverity>;

const blockFields = {
  blockId: snowflakeId,
  kind: SignUpBlockKind,
  /** A domain (lower case), the SHA-256 of a canonical e-mail address, or an IP address or CIDR range. */
  value: z.string().min(1).max(300),
  severity: SignUpBlockSeverity,
  comment: z.string().max(1000),
  expiresAt: z.iso.datetime().nullable(),
  at: z.iso.datetime(),
};

/** A moderator blocked sign-ups (or all access, for an IP range); the moderator is the event's actor. */
export const SignUpBlockAdded = defineEvent('SignUpBlockAdded', 1, z.object(blockFields));
export const SignUpBlockChanged = defineEvent('SignUpBlockChanged', 1, z.object(blockFields));
export const SignUpBlockRemoved = defineEvent('SignUpBlockRemoved', 1, z.object({ blockId: snowflakeId, kind: SignUpBlockKind, at: z.iso.datetime() }));

export const signUpBlockEvents = [SignUpBlockAdded, SignUpBlockChanged, SignUpBlockRemoved] as const;
