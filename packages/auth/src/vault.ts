import type { JsonWebKey } from 'node:crypto';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import type { EmailTokenDoc } from './email-tokens.ts';
import type { SignInChallengeDoc, TwoFactorDoc } from './two-factor-docs.ts';

/**
 * The vault holds what must never travel in events: OAuth apps and their secrets,
 * tokens, codes, sign-in sessions and account credentials. Secrets are kept hashed.
 * It is a store of its own (not the read models), so rebuilding projections never
 * touches it and erasing an account is a delete here.
 */
export interface AppDoc extends Doc {
  name: string;
  website: string | null;
  redirectUris: string[];
  scopes: string[];
  clientId: string;
  clientSecretHash: string;
  createdAt: string;
  /** The account that made the app through an authorized request, if any. */
  ownerAccountId: string | null;
}

export interface TokenDoc extends Doc {
  /** id is the SHA-256 of the access token. */
  appId: string;
  accountId: string | null;
  scopes: string[];
  createdAt: string;
  refreshTokenHash: string | null;
  revokedAt: string | null;
}

export interface RefreshTokenDoc extends Doc {
  accessTokenHash: string;
  appId: string;
  accountId: string | null;
  scopes: string[];
  createdAt: string;
}

export interface CodeDoc extends Doc {
  appId: string;
  accountId: string;
  redirectUri: string;
  scopes: string[];
  expiresAt: string;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
}

export interface CredentialsDoc extends Doc {
  /** id is the account id. */
  usernameLower: string;
  email: string;
  emailLower: string;
  passwordHash: string;
  confirmedAt: string | null;
  approved: boolean;
  locale: string;
  reason: string | null;
  createdAt: string;
  signUpIp: string | null;
  /** Set while the account is suspended: no sign-in, no tokens. */
  disabled?: boolean;
  /** Hashes of the addresses this account signed in from, newest last: a new one earns a notice by mail. */
  signInAddresses?: string[];
}

export interface SessionDoc extends Doc {
  /** id is the SHA-256 of the session cookie. */
  accountId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

/** An actor's signing keys as JWK (RSA for HTTP signatures, Ed25519 for object proofs); never in events. */
export interface ActorKeysDoc extends Doc {
  rsa: { publicJwk: JsonWebKey; privateJwk: JsonWebKey };
  ed25519: { publicJwk: JsonWebKey; privateJwk: JsonWebKey };
  createdAt: string;
}

/** The instance's VAPID key pair for Web Push (P-256, base64url); made once, the private half never leaves the vault. */
export interface VapidKeysDoc extends Doc {
  publicKey: string;
  privateKey: string;
  createdAt: string;
}

/** Where a Web Push subscription reaches its device, sealed with its account's key (see PushDevice). */
export interface PushDeviceDoc extends Doc {
  /** id is the subscription id. */
  accountId: string;
  sealed: { sealed: 'aes-256-gcm/v1'; subject: string; iv: string; tag: string; data: string };
}

export interface Vault {
  apps: Collection<AppDoc>;
  tokens: Collection<TokenDoc>;
  refreshTokens: Collection<RefreshTokenDoc>;
  codes: Collection<CodeDoc>;
  credentials: Collection<CredentialsDoc>;
  sessions: Collection<SessionDoc>;
  actorKeys: Collection<ActorKeysDoc>;
  emailTokens: Collection<EmailTokenDoc>;
  twoFactor: Collection<TwoFactorDoc>;
  signInChallenges: Collection<SignInChallengeDoc>;
  vapidKeys: Collection<VapidKeysDoc>;
  pushDevices: Collection<PushDeviceDoc>;
}

export function openVault(store: ReadModelStore): Vault {
  return {
    apps: store.collection<AppDoc>('oauth_apps', { indexes: [['clientId']] }),
    tokens: store.collection<TokenDoc>('oauth_tokens', { indexes: [['accountId'], ['appId']] }),
    refreshTokens: store.collection<RefreshTokenDoc>('oauth_refresh_tokens'),
    codes: store.collection<CodeDoc>('oauth_codes'),
    credentials: store.collection<CredentialsDoc>('credentials', { indexes: [['emailLower'], ['usernameLower']] }),
    sessions: store.collection<SessionDoc>('web_sessions', { indexes: [['accountId']] }),
    actorKeys: store.collection<ActorKeysDoc>('actor_keys'),
    emailTokens: store.collection<EmailTokenDoc>('email_tokens', { indexes: [['accountId']] }),
    twoFactor: store.collection<TwoFactorDoc>('two_factor'),
    signInChallenges: store.collection<SignInChallengeDoc>('sign_in_challenges', { indexes: [['accountId']] }),
    vapidKeys: store.collection<VapidKeysDoc>('vapid_keys'),
    pushDevices: store.collection<PushDeviceDoc>('push_devices', { indexes: [['accountId']] }),
  };
}
