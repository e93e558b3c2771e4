import type OAuth2Server from '@node-oauth/oauth2-server';
import type { Clock } from '@strata/kernel';
import {
  type AppDoc,
  DEFAULT_SCOPES,
  type Vault,
  clientSecretMatches,
  findAppByClientId,
  hashSecret,
  issueToken,
  parseScopes,
  randomSecret,
  revokeToken,
  scopesWithin,
  unknownScopes,
  verifyPassword,
} from '@strata/auth';

type Model = OAuth2Server.AuthorizationCodeModel &
  OAuth2Server.PasswordModel &
  OAuth2Server.RefreshTokenModel &
  OAuth2Server.ClientCredentialsModel;

/** The user the OAuth library carries around: an account id, or none for app-only tokens. */
export interface OAuthUser {
  accountId: string | null;
}

export interface OAuthModelDeps {
  vault: () => Promise<Vault>;
  clock: Clock;
  /** Checks a sign-in for the password grant; returns the account id or null. */
  signIn(login: string, password: string): Promise<string | null>;
}

const GRANTS = ['authorization_code', 'password', 'client_credentials', 'refresh_token'];

const toClient = (app: AppDoc): OAuth2Server.Client => ({ id: app.id, redirectUris: app.redirectUris, grants: GRANTS, app });
const appOf = (client: OAuth2Server.Client) => client['app'] as AppDoc;

/**
 * The storage side of @node-oauth/oauth2-server, on the vault. The library does the
 * protocol (grant checks, PKCE, redirect URI matching, error codes); this decides what
 * is stored, always as hashes, and Mastodon's scope rules.
 */
export function createOAuthModel(deps: OAuthModelDeps): Model {
  const tokenResponse = (issued: Awaited<ReturnType<typeof issueToken>>, client: OAuth2Server.Client, user: OAuthUser) => ({
    accessToken: issued.accessToken,
    ...(issued.refreshToken && { refreshToken: issued.refreshToken }),
    scope: issued.doc.scopes,
    client,
    user,
    // Mastodon's Token entity has created_at (seconds); its tokens carry no expiry
    created_at: Math.floor(Date.parse(issued.doc.createdAt) / 1000),
  });

  /** A code or refresh token of an account suspended since it was issued grants nothing. */
  const suspended = async (accountId: string | null) => accountId !== null && (await (await deps.vault()).credentials.get(accountId))?.disabled === true;

  return {
    async getClient(clientId, clientSecret) {
      const app = await findAppByClientId(await deps.vault(), clientId);
      if (!app) return false;
      if (clientSecret !== null && clientSecret !== undefined && !clientSecretMatches(app, clientSecret)) return false;
      return toClient(app);
    },

    async generateAccessToken() {
      return randomSecret();
    },
    async generateRefreshToken() {
      return randomSecret();
    },
    async generateAuthorizationCode() {
      return randomSecret();
    },

    async saveToken(token, client, user: OAuthUser) {
      const issued = await issueToken(await deps.vault(), deps.clock, {
        appId: client.id,
        accountId: user.accountId,
        scopes: token.scope ?? DEFAULT_SCOPES,
        withRefreshToken: user.accountId !== null,
      });
      return tokenResponse(issued, client, user);
    },

    async getAccessToken() {
      // bearer tokens are resolved by our own middleware, never through the library
      return false;
    },

    async saveAuthorizationCode(code, client, user: OAuthUser) {
      await (await deps.vault()).codes.upsert({
        id: hashSecret(code.authorizationCode),
        appId: client.id,
        accountId: user.accountId!,
        redirectUri: code.redirectUri,
        scopes: code.scope ?? DEFAULT_SCOPES,
        expiresAt: code.expiresAt.toISOString(),
        codeChallenge: code.codeChallenge ?? null,
        codeChallengeMethod: code.codeChallengeMethod ?? null,
      });
      return { ...code, client, user };
    },

    async getAuthorizationCode(authorizationCode) {
      const vault = await deps.vault();
      const code = await vault.codes.get(hashSecret(authorizationCode));
      const app = code && (await vault.apps.get(code.appId));
      if (!code || !app || (await suspended(code.accountId))) return false;
      return {
        authorizationCode,
        expiresAt: new Date(code.expiresAt),
        redirectUri: code.redirectUri,
        scope: code.scopes,
        client: toClient(app),
        user: { accountId: code.accountId } satisfies OAuthUser,
        ...(code.codeChallenge && { codeChallenge: code.codeChallenge, codeChallengeMethod: code.codeChallengeMethod ?? 'plain' }),
      };
    },

    async revokeAuthorizationCode(code) {
      // a code works once: the first exchange deletes it, a replay finds nothing
      return (await deps.vault()).codes.delete(hashSecret(code.authorizationCode));
    },

    async getUser(username, password) {
      const accountId = await deps.signIn(username, password);
      return accountId ? ({ accountId } satisfies OAuthUser) : false;
    },

    async getUserFromClient() {
      return { accountId: null } satisfies OAuthUser;
    },

    async getRefreshToken(refreshToken) {
      const vault = await deps.vault();
      const doc = await vault.refreshTokens.get(hashSecret(refreshToken));
      const app = doc && (await vault.apps.get(doc.appId));
      if (!doc || !app || (await suspended(doc.accountId))) return false;
      return { refreshToken, scope: doc.scopes, client: toClient(app), user: { accountId: doc.accountId } satisfies OAuthUser };
    },

    async revokeToken(token) {
      const vault = await deps.vault();
      const refresh = await vault.refreshTokens.get(hashSecret(token.refreshToken));
      if (!refresh) return false;
      const access = await vault.tokens.get(refresh.accessTokenHash);
      if (access) await revokeToken(vault, deps.clock, access);
      await vault.refreshTokens.delete(refresh.id);
      return true;
    },

    async validateScope(_user, client, scope) {
      const requested = parseScopes(scope ?? []);
      const wanted = requested.length ? requested : DEFAULT_SCOPES;
      if (unknownScopes(wanted).length) return false;
      return scopesWithin(wanted, appOf(client).scopes) ? wanted : false;
    },

    async validateRedirectUri(redirectUri, client) {
      return appOf(client).redirectUris.includes(redirectUri);
    },
  };
}

export { verifyPassword };
