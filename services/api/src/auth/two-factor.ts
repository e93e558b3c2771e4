import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { type TwoFactorDoc, type Vault, hashSecret } from '@strata/auth';
import type { Clock } from '@strata/kernel';
import type { PersonalDataVault, Sealed } from '@strata/personal-data';

/**
 * Time-based one-time passwords (RFC 6238, through otpauth: maintained, no dependencies,
 * what authenticator apps expect: SHA-1, 6 digits, 30 s) with single-use recovery codes.
 */
export interface TwoFactorDeps {
  vault: Vault;
  personalData: PersonalDataVault;
  clock: Clock;
  issuer: string;
}

const PERIOD_S = 30;
const RECOVERY_CODES = 10;
const totpFor = (secret: string, label = '', issuer = '') => new TOTP({ secret: Secret.fromBase32(secret), label, issuer, algorithm: 'SHA1', digits: 6, period: PERIOD_S });
const normalize = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();

export async function twoFactorEnabled(vault: Vault, accountId: string): Promise<boolean> {
  return Boolean((await vault.twoFactor.get(accountId))?.enabledAt);
}

/** A new secret to show on the set-up page; it works only once confirmed with a code from it. */
export async function beginTwoFactorSetup(deps: TwoFactorDeps, accountId: string, label: string): Promise<{ uri: string; secret: string }> {
  const secret = new Secret({ size: 20 }).base32;
  const existing = await deps.vault.twoFactor.get(accountId);
  const pending = (await deps.personalData.seal(accountId, secret)) as TwoFactorDoc['pending'];
  await deps.vault.twoFactor.upsert({ id: accountId, secret: null, recoveryCodeHashes: [], enabledAt: null, lastStep: 0, ...existing, pending });
  return { uri: totpFor(secret, label, deps.issuer).toString(), secret };
}

/** The pending secret, for showing the set-up page again after a wrong code. */
export async function pendingSetup(deps: TwoFactorDeps, accountId: string, label: string): Promise<{ uri: string; secret: string } | null> {
  const doc = await deps.vault.twoFactor.get(accountId);
  const secret = doc?.pending ? await deps.personalData.unseal<string>(doc.pending as Sealed) : null;
  return secret ? { uri: totpFor(secret, label, deps.issuer).toString(), secret } : null;
}

/** Turns two-factor sign-in on when the code matches the pending secret; the recovery codes, shown once. */
export async function confirmTwoFactorSetup(deps: TwoFactorDeps, accountId: string, code: string): Promise<string[] | null> {
  const doc = await deps.vault.twoFactor.get(accountId);
  const secret = doc?.pending ? await deps.personalData.unseal<string>(doc.pending as Sealed) : null;
  if (!doc || !secret) return null;
  const step = matchingStep(secret, code, deps.clock, 0);
  if (step === null) return null;
  const codes = Array.from({ length: RECOVERY_CODES }, () => randomBytes(5).toString('hex'));
  await deps.vault.twoFactor.patch(accountId, {
    secret: doc.pending,
    pending: null,
    recoveryCodeHashes: codes.map((c) => hashSecret(c)),
    enabledAt: deps.clock.now().toISOString(),
    lastStep: step,
  });
  return codes;
}

/** Checks a code from the authenticator app, or a recovery code (which is then used up). */
export async function verifySecondFactor(deps: TwoFactorDeps, accountId: string, code: string): Promise<boolean> {
  const doc = await deps.vault.twoFactor.get(accountId);
  if (!doc?.enabledAt || !doc.secret) return false;
  const given = normalize(code);
  if (/^\d{6}$/.test(given)) {
    const secret = await deps.personalData.unseal<string>(doc.secret as Sealed);
    const step = secret ? matchingStep(secret, given, deps.clock, doc.lastStep) : null;
    if (step === null) return false;
    return deps.vault.twoFactor.patch(accountId, { lastStep: step });
  }
  const hashed = hashSecret(given);
  if (!doc.recoveryCodeHashes.includes(hashed)) return false;
  return deps.vault.twoFactor.patch(accountId, { recoveryCodeHashes: doc.recoveryCodeHashes.filter((h) => h !== hashed) });
}

export async function disableTwoFactor(vault: Vault, accountId: string): Promise<void> {
  await vault.twoFactor.delete(accountId);
}

export async function recoveryCodesLeft(vault: Vault, accountId: string): Promise<number> {
  return (await vault.twoFactor.get(accountId))?.recoveryCodeHashes.length ?? 0;
}

/** The time step the code belongs to (one step of clock drift either way), if later than `after`: a code works once. */
function matchingStep(secret: string, code: string, clock: Clock, after: number): number | null {
  const now = clock.now().getTime();
  const delta = totpFor(secret).validate({ token: normalize(code), timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD_S) + delta;
  return step > after ? step : null;
}
