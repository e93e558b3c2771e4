import { type SignInChallengeDoc, type Vault, hashSecret, randomSecret } from '@strata/auth';
import type { Clock } from '@strata/kernel';

const LIFETIME_MS = 5 * 60_000;
const MAX_ATTEMPTS = 5;

/** After the right password of an account with two-factor sign-in: a short-lived challenge the code form carries. */
export async function startSignInChallenge(vault: Vault, clock: Clock, accountId: string, returnTo: string): Promise<string> {
  const secret = randomSecret();
  const expiresAt = new Date(clock.now().getTime() + LIFETIME_MS).toISOString();
  await vault.signInChallenges.insert({ id: hashSecret(secret), accountId, returnTo, expiresAt, attempts: 0 });
  return secret;
}

/** The live challenge, counting this attempt; null when unknown, expired or tried too often (then it is gone). */
export async function attemptSignInChallenge(vault: Vault, clock: Clock, secret: string): Promise<SignInChallengeDoc | null> {
  if (!secret) return null;
  const id = hashSecret(secret);
  const doc = await vault.signInChallenges.get(id);
  if (!doc) return null;
  if (Date.parse(doc.expiresAt) < clock.now().getTime() || doc.attempts >= MAX_ATTEMPTS) {
    await vault.signInChallenges.delete(id);
    return null;
  }
  await vault.signInChallenges.patch(id, { attempts: doc.attempts + 1 });
  return doc;
}

export async function endSignInChallenge(vault: Vault, secret: string): Promise<boolean> {
  return vault.signInChallenges.delete(hashSecret(secret));
}
