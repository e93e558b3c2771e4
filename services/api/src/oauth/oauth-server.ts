import OAuth2Server from '@node-oauth/oauth2-server';
import type { Request, Response } from 'express';
import { type OAuthModelDeps, createOAuthModel } from './oauth-model.ts';

/** The OAuth 2 server: @node-oauth/oauth2-server over our vault-backed model. */
export function createOAuthServer(deps: OAuthModelDeps): OAuth2Server {
  return new OAuth2Server({
    model: createOAuthModel(deps),
    allowEmptyState: true,
    allowExtendedTokenAttributes: true,
    authorizationCodeLifetime: 10 * 60,
    alwaysIssueNewRefreshToken: true,
  });
}

/**
 * The library's view of an Express request. Mastodon clients post /oauth/token as JSON
 * as often as as a form, while the library reads only forms: the parsed body is handed
 * over as if it had come as one.
 */
export function oauthRequest(req: Pick<Request, 'method' | 'headers' | 'query' | 'body'>): OAuth2Server.Request {
  const headers = { ...(req.headers as Record<string, string>) };
  if (req.method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded';
  return new OAuth2Server.Request({
    method: req.method,
    headers,
    query: req.query as Record<string, string>,
    body: req.body ?? {},
  });
}

/** Sends an OAuth error as RFC 6749 shapes it: `error` and `error_description`. */
export function sendOAuthError(res: Response, error: unknown): void {
  if (error instanceof OAuth2Server.OAuthError) {
    const name = error.name === 'unauthorized_request' ? 'invalid_request' : error.name;
    res.status(error.code >= 400 && error.code < 500 ? error.code : 400).json({ error: name, error_description: error.message });
    return;
  }
  throw error;
}
