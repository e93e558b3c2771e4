import type { Doc } from '@strata/read-models';

/** A value sealed with the account's personal-data key (the shape of @strata/personal-data's Sealed). */
export interface SealedValue {
  sealed: 'aes-256-gcm/v1';
  subject: string;
  iv: string;
  tag: string;
  data: string;
}

/**
 * An account's second factor: the TOTP secret sealed with the account's own key (so the
 * erasure that shreds the key leaves nothing usable), recovery codes only as hashes.
 */
export interface TwoFactorDoc extends Doc {
  /** id is the account id. */
  secret: SealedValue | null;
  /** A secret shown on the set-up page and not yet confirmed with a code. */
  pending: SealedValue | null;
  recoveryCodeHashes: string[];
  enabledAt: string | null;
  /** The last TOTP time step used: a code works once. */
  lastStep: number;
}

/** A sign-in that passed the password and waits for the second factor. */
export interface SignInChallengeDoc extends Doc {
  /** id is the SHA-256 of the challenge secret carried by the code form. */
  accountId: string;
  returnTo: string;
  expiresAt: string;
  attempts: number;
}
