import { z } from 'zod';
import { defineEvent } from './registry.ts';

/** Stream names: one account per stream, one username reservation per lower-cased name. */
export const accountStream = (accountId: string) => `account-${accountId}`;
export const usernameStream = (username: string) => `username-${username.toLowerCase()}`;

export const accountRoles = ['owner', 'admin', 'moderator', 'user'] as const;
export const AccountRole = z.enum(accountRoles);
export type AccountRole = z.infer<typeof AccountRole>;

export const snowflakeId = z.string().regex(/^\d{1,20}$/);
export const usernamePattern = /^[a-z0-9_]+([a-z0-9_.-]+[a-z0-9_]+)?$/i;

export const UsernameReserved = defineEvent(
  'UsernameReserved',
  1,
  z.object({ username: z.string(), accountId: snowflakeId }),
);

/**
 * A local account came to be. It carries no personal data beyond the public username:
 * email, profile and credentials travel elsewhere so that the log can be kept forever.
 */
export const AccountRegistered = defineEvent(
  'AccountRegistered',
  1,
  z.object({
    accountId: snowflakeId,
    username: z.string().regex(usernamePattern),
    role: AccountRole,
    approved: z.boolean(),
    registeredAt: z.iso.datetime(),
  }),
);

export const accountEvents = [UsernameReserved, AccountRegistered] as const;
