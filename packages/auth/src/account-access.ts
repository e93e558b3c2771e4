import type { Clock } from '@strata/kernel';
import { revokeAccountTokens } from './tokens.ts';
import type { Vault } from './vault.ts';

/** Ends every browser sign-in session of an account (suspension, deletion). */
export async function endAccountSessions(vault: Vault, accountId: string): Promise<number> {
  return vault.sessions.deleteWhere({ accountId });
}

/** Everything that lets an account in: its tokens (revoked), refresh tokens, codes and sessions. */
export async function closeAccountAccess(vault: Vault, clock: Clock, accountId: string): Promise<{ tokens: number; sessions: number }> {
  const tokens = await revokeAccountTokens(vault, clock, accountId);
  await vault.refreshTokens.deleteWhere({ accountId });
  await vault.codes.deleteWhere({ accountId });
  await vault.signInChallenges.deleteWhere({ accountId });
  const sessions = await endAccountSessions(vault, accountId);
  return { tokens, sessions };
}

/**
 * An erased account leaves nothing in the vault that names it: its (revoked) tokens go,
 * and with its credentials its e-mail address and password hash.
 */
export async function eraseAccountCredentials(vault: Vault, accountId: string): Promise<void> {
  await vault.tokens.deleteWhere({ accountId });
  await vault.emailTokens.deleteWhere({ accountId });
  await vault.twoFactor.delete(accountId);
  await vault.signInChallenges.deleteWhere({ accountId });
  await vault.credentials.delete(accountId);
}
