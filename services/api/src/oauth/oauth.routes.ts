import OAuth2Server from '@node-oauth/oauth2-server';
import { Router } from 'express';
import { z } from 'zod';
import { findToken, revokeToken } from '@strata/auth';
import { body } from '@strata/http';
import { accountsCollection, channels } from '@strata/views';
import { bearerToken } from '../auth/authentication.ts';
import { checkSignIn } from '../auth/sign-in.ts';
import { twoFactorEnabled } from '../auth/two-factor.ts';
import { throttleSignIn } from '../auth/sign-in-throttle.ts';
import type { ApiDeps } from '../http/deps.ts';
import { presentOneAccount } from '@strata/presenters';
import { createOAuthServer, oauthRequest, sendOAuthError } from './oauth-server.ts';
import { ALL_SCOPES } from '@strata/auth';

const revokeParams = z.object({ token: z.string().min(1), client_id: z.string().optional(), client_secret: z.string().optional() });

/** POST /oauth/token, /oauth/revoke, GET /oauth/userinfo and the server metadata document. */
export function oauthRoutes(deps: ApiDeps, server = createApiOAuthServer(deps)): Router {
  const router = Router();

  router.post('/oauth/token', async (req, res) => {
    const grant = req.body as { grant_type?: unknown; username?: unknown } | undefined;
    if (grant?.grant_type === 'password') await throttleSignIn(deps.rateLimits, req, res, typeof grant.username === 'string' ? grant.username : '');
    const response = new OAuth2Server.Response();
    try {
      const token = await server.token(oauthRequest(req), response);
      const body = response.body as Record<string, unknown>;
      res.set('Cache-Control', 'no-store').json({ ...body, scope: (token.scope ?? []).join(' ') });
    } catch (error) {
      sendOAuthError(res, error);
    }
  });

  router.post('/oauth/revoke', async (req, res) => {
    const params = body(req, revokeParams);
    const vault = await deps.vault();
    const token = await findToken(vault, params.token);
    // RFC 7009: an unknown token is not an error; a token of another app is left alone
    if (token) {
      const app = await vault.apps.get(token.appId);
      if (!params.client_id || app?.clientId === params.client_id) {
        await revokeToken(vault, deps.clock, token);
        await (await deps.pubsub()).publish(channels.token(token.id), 'revoked');
      }
    }
    res.json({});
  });

  router.get('/oauth/userinfo', async (req, res) => {
    const secret = bearerToken(req);
    const token = secret ? await findToken(await deps.vault(), secret) : null;
    if (!token?.accountId || !(token.scopes.includes('profile') || token.scopes.includes('read'))) {
      res.status(401).set('WWW-Authenticate', 'Bearer error="invalid_token"').json({ error: 'invalid_token' });
      return;
    }
    const account = await accountsCollection(await deps.readModels()).get(token.accountId);
    if (!account) {
      res.status(401).json({ error: 'invalid_token' });
      return;
    }
    const entity = await presentOneAccount(deps, account);
    res.json({
      iss: `${deps.config.publicUrl}/`,
      sub: entity.uri,
      name: entity.display_name || entity.username,
      preferred_username: entity.username,
      profile: entity.url,
      picture: entity.avatar,
    });
  });

  router.get('/.well-known/oauth-authorization-server', (_req, res) => {
    const base = deps.config.publicUrl;
    res.json({
      issuer: `${base}/`,
      authorization_endpoint: `${base}/oauth/authorize`,
      token_endpoint: `${base}/oauth/token`,
      revocation_endpoint: `${base}/oauth/revoke`,
      userinfo_endpoint: `${base}/oauth/userinfo`,
      scopes_supported: [...ALL_SCOPES],
      response_types_supported: ['code'],
      response_modes_supported: ['query', 'fragment', 'form_post'],
      code_challenge_methods_supported: ['S256', 'plain'],
      grant_types_supported: ['authorization_code', 'password', 'client_credentials', 'refresh_token'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      app_registration_endpoint: `${base}/api/v1/apps`,
      service_documentation: 'https://docs.joinmastodon.org/',
    });
  });
  return router;
}

export function createApiOAuthServer(deps: ApiDeps): OAuth2Server {
  return createOAuthServer({
    vault: deps.vault,
    clock: deps.clock,
    async signIn(login, password) {
      const vault = await deps.vault();
      const result = await checkSignIn(vault, login, password, deps.config.instance.requireEmailConfirmation);
      // as Mastodon: an account with two-factor sign-in cannot use the password grant (no place for the code)
      return result.ok && !(await twoFactorEnabled(vault, result.accountId)) ? result.accountId : null;
    },
  });
}
