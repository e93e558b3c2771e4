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

/** A reservation given back because the registration that made it was refused. */
export const UsernameReleased = defineEvent('UsernameReleased', 1, z.object({ username: z.string(), accountId: snowflakeId }));

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

/** Personal data sealed with the account's own key (see @strata/personal-data): unreadable once erased. */
export const SealedData = z.object({
  sealed: z.literal('aes-256-gcm/v1'),
  subject: z.string(),
  iv: z.string(),
  tag: z.string(),
  data: z.string(),
});

/** What AccountProfileUpdated seals: the profile as the person wrote it. */
export const ProfileContent = z.object({
  displayName: z.string(),
  note: z.string(),
  fields: z.array(z.object({ name: z.string(), value: z.string() })),
  avatar: z.string().nullable(),
  header: z.string().nullable(),
});
export type ProfileContent = z.infer<typeof ProfileContent>;

export const AccountProfileUpdated = defineEvent(
  'AccountProfileUpdated',
  1,
  z.object({ accountId: snowflakeId, profile: SealedData, updatedAt: z.iso.datetime() }),
);

/** What AccountFieldVerified seals: the profile field whose page links back to the account. */
export const VerifiedFieldContent = z.object({ name: z.string(), value: z.string() });
export type VerifiedFieldContent = z.infer<typeof VerifiedFieldContent>;

/**
 * A profile field's link was verified: the page it names links back to the account with
 * `rel="me"`. The field is sealed like the profile; the mark lasts while the value stays.
 */
export const AccountFieldVerified = defineEvent(
  'AccountFieldVerified',
  1,
  z.object({ accountId: snowflakeId, field: SealedData, verifiedAt: z.iso.datetime() }),
);

export const Visibility = z.enum(['public', 'unlisted', 'private', 'direct']);
export type Visibility = z.infer<typeof Visibility>;

/** Account settings that are not personal data: they travel in the clear. */
export const AccountSettings = z.object({
  locked: z.boolean(),
  bot: z.boolean(),
  discoverable: z.boolean(),
  indexable: z.boolean(),
  hideCollections: z.boolean(),
  defaultPrivacy: Visibility,
  defaultSensitive: z.boolean(),
  defaultLanguage: z.string().nullable(),
});
export type AccountSettings = z.infer<typeof AccountSettings>;

export const defaultAccountSettings: AccountSettings = {
  locked: false,
  bot: false,
  discoverable: false,
  indexable: false,
  hideCollections: false,
  defaultPrivacy: 'public',
  defaultSensitive: false,
  defaultLanguage: null,
};

export const AccountSettingsChanged = defineEvent(
  'AccountSettingsChanged',
  1,
  z.object({ accountId: snowflakeId, settings: AccountSettings }),
);

export const AccountApproved = defineEvent('AccountApproved', 1, z.object({ accountId: snowflakeId, approvedAt: z.iso.datetime() }));

export const AccountRoleChanged = defineEvent('AccountRoleChanged', 1, z.object({ accountId: snowflakeId, role: AccountRole }));

/** A moderator took the account off the instance (or brought it back); its content stays but is hidden. */
export const AccountSuspensionChanged = defineEvent(
  'AccountSuspensionChanged',
  1,
  z.object({ accountId: snowflakeId, suspended: z.boolean(), at: z.iso.datetime() }),
);

/** Moderation limits short of suspension, all three as they now stand (a moderator is the actor). */
export const AccountLimitsChanged = defineEvent(
  'AccountLimitsChanged',
  1,
  z.object({ accountId: snowflakeId, silenced: z.boolean(), sensitized: z.boolean(), signInDisabled: z.boolean(), at: z.iso.datetime() }),
);

export const ModerationAction = z.enum(['none', 'sensitive', 'disable', 'silence', 'suspend']);
export type ModerationAction = z.infer<typeof ModerationAction>;

/** A moderator acted on the account (Mastodon's account warning): what, why, and the report it answers. */
export const AccountWarned = defineEvent(
  'AccountWarned',
  1,
  z.object({ accountId: snowflakeId, action: ModerationAction, text: z.string().max(5000), reportId: snowflakeId.nullable(), at: z.iso.datetime() }),
);

/**
 * The account was erased (by its owner or an operator). Its personal-data key is shredded
 * with it, so everything it sealed becomes unreadable; its username stays reserved forever.
 */
export const AccountDeleted = defineEvent(
  'AccountDeleted',
  1,
  z.object({ accountId: snowflakeId, username: z.string(), by: z.enum(['owner', 'operator']), deletedAt: z.iso.datetime() }),
);

/** The account's other identities (`alsoKnownAs`, actor URIs), sealed like the profile: a Move to it from one of them is accepted. */
export const AccountAliasesChanged = defineEvent('AccountAliasesChanged', 1, z.object({ accountId: snowflakeId, aliases: SealedData, at: z.iso.datetime() }));

export const accountEvents = [
  AccountAliasesChanged,
  AccountSuspensionChanged,
  AccountDeleted,
  UsernameReserved,
  UsernameReleased,
  AccountRegistered,
  AccountProfileUpdated,
  AccountFieldVerified,
  AccountSettingsChanged,
  AccountApproved,
  AccountRoleChanged,
  AccountLimitsChanged,
  AccountWarned,
] as const;
