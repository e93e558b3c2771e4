import type { Clock } from '@strata/kernel';
import { hashSecret, randomSecret } from './secrets.ts';
import type { TokenDoc, Vault } from './vault.ts';

export interface IssuedToken {
  accessToken: string;
  refreshToken: string | null;
  doc: TokenDoc;
}

/** Issues an access token (Mastodon's never expire) and, when asked, a refresh token. */
export async function issueToken(
  vault: Vault,
  clock: Clock,
  grant: { appId: string; accountId: string | null; scopes: string[]; withRefreshToken: boolean },
): Promise<IssuedToken> {
  const accessToken = randomSecret();
  const refreshToken = grant.withRefreshToken ? randomSecret() : null;
  const createdAt = clock.now().toISOString();
  const doc: TokenDoc = {
    id: hashSecret(accessToken),
    appId: grant.appId,
    accountId: grant.accountId,
    scopes: grant.scopes,
    createdAt,
    refreshTokenHash: refreshToken ? hashSecret(refreshToken) : null,
    revokedAt: null,
  };
  await vault.tokens.upsert(doc);
  if (refreshToken) {
    await vault.refreshTokens.upsert({
      id: hashSecret(refreshToken),
      accessTokenHash: doc.id,
      appId: grant.appId,
      accountId: grant.accountId,
      scopes: grant.scopes,
      createdAt,
    });
  }
  return { accessToken, refreshToken, doc };
}

/** The live token behind a bearer string, or null when unknown or revoked. */
export async function findToken(vault: Vault, accessToken: string): Promise<TokenDoc | null> {
  const doc = await vault.tokens.get(hashSecret(accessToken));
  return doc && !doc.revokedAt ? doc : null;
}

/** Revokes an access token and its refresh token; unknown tokens are ignored, as RFC 7009 asks. */
export async function revokeToken(vault: Vault, clock: Clock, token: TokenDoc): Promise<void> {
  await vault.tokens.patch(token.id, { revokedAt: clock.now().toISOString() });
  if (token.refreshTokenHash) await vault.refreshTokens.delete(token.refreshTokenHash);
}

/** Revokes every token of an account (password change, suspension, deletion). */
export async function revokeAccountTokens(vault: Vault, clock: Clock, accountId: string): Promise<number> {
  const tokens = await vault.tokens.find({ where: { accountId, revokedAt: null } });
  for (const token of tokens) await revokeToken(vault, clock, token);
  return tokens.length;
}
