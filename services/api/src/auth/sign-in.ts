import { type Vault, hashPassword, verifyPassword } from '@strata/auth';

export type SignInResult = { ok: true; accountId: string } | { ok: false; reason: 'invalid' | 'pending' | 'unconfirmed' | 'disabled' };

// verified against when the login is unknown, so both cases take the same time
const unknownUserHash = hashPassword('strata-unknown-user-placeholder');

/** Checks a login (e-mail address or username) and password against the vault. */
export async function checkSignIn(vault: Vault, login: string, password: string, requireConfirmation: boolean): Promise<SignInResult> {
  const key = login.trim().toLowerCase();
  // nobody has an empty login or password: no need to spend a password hash on finding that out
  if (!key || !password) return { ok: false, reason: 'invalid' };
  const [credentials] = await vault.credentials.find({
    where: key.includes('@') ? { emailLower: key } : { usernameLower: key.replace(/^@/, '') },
    limit: 1,
  });
  const matches = await verifyPassword(password, credentials?.passwordHash ?? (await unknownUserHash));
  if (!credentials || !matches) return { ok: false, reason: 'invalid' };
  if (credentials.disabled) return { ok: false, reason: 'disabled' };
  if (!credentials.approved) return { ok: false, reason: 'pending' };
  if (requireConfirmation && !credentials.confirmedAt) return { ok: false, reason: 'unconfirmed' };
  return { ok: true, accountId: credentials.id };
}

export const signInMessages: Record<Exclude<SignInResult, { ok: true }>['reason'], string> = {
  invalid: 'Invalid e-mail address or password.',
  pending: 'Your account is awaiting approval by the moderators.',
  unconfirmed: 'You need to confirm your e-mail address first.',
  disabled: 'Your account has been suspended.',
};
