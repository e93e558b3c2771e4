import type { Clock } from '@strata/kernel';
import type { Doc } from '@strata/read-models';
import { hashSecret, randomSecret } from './secrets.ts';
import type { Vault } from './vault.ts';

export type EmailTokenPurpose = 'confirmation' | 'password_reset';

/** A link sent by e-mail: kept only as its hash, one live token per account and purpose. */
export interface EmailTokenDoc extends Doc {
  /** id is the SHA-256 of the token. */
  accountId: string;
  purpose: EmailTokenPurpose;
  expiresAt: string;
}

const LIFETIME_MS: Record<EmailTokenPurpose, number> = {
  // Devise's defaults in Mastodon: confirmation links last days, reset links hours
  confirmation: 3 * 86_400_000,
  password_reset: 6 * 3_600_000,
};

/** A fresh token for the account; earlier ones for the same purpose stop working. */
export async function issueEmailToken(vault: Vault, clock: Clock, accountId: string, purpose: EmailTokenPurpose): Promise<string> {
  await vault.emailTokens.deleteWhere({ accountId, purpose });
  const token = randomSecret();
  const expiresAt = new Date(clock.now().getTime() + LIFETIME_MS[purpose]).toISOString();
  await vault.emailTokens.insert({ id: hashSecret(token), accountId, purpose, expiresAt });
  return token;
}

/** The account a live token names, without using it up (to show a form). */
export async function peekEmailToken(vault: Vault, clock: Clock, token: string, purpose: EmailTokenPurpose): Promise<string | null> {
  if (!token) return null;
  const doc = await vault.emailTokens.get(hashSecret(token));
  if (!doc || doc.purpose !== purpose || Date.parse(doc.expiresAt) < clock.now().getTime()) return null;
  return doc.accountId;
}

/** Uses the token up: the account it names, or null when it is unknown, expired or already used. */
export async function consumeEmailToken(vault: Vault, clock: Clock, token: string, purpose: EmailTokenPurpose): Promise<string | null> {
  const accountId = await peekEmailToken(vault, clock, token, purpose);
  if (!accountId) return null;
  // the delete decides a race between two uses of the same link: only one removes it
  return (await vault.emailTokens.delete(hashSecret(token))) ? accountId : null;
}
