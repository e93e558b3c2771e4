import OAuth2Server from '@node-oauth/oauth2-server';
import { type Response, Router } from 'express';
import { z } from 'zod';
import { DEFAULT_SCOPES, OOB_REDIRECT_URI, findAppByClientId, parseScopes, scopesWithin, unknownScopes } from '@strata/auth';
import { accountsCollection } from '@strata/views';
import { currentSession, endSession } from '../auth/sessions.ts';
import type { ApiDeps } from '../http/deps.ts';
import { page } from '../web/layout.ts';
import { codeShown, consentForm, message, signInForm } from '../web/pages.ts';
import { oauthRequest } from './oauth-server.ts';
import { redirectUriProblem } from './redirect-uris.ts';

/** The parameters an authorization request carries from the client, through sign-in and consent. */
const authorizeParams = z.object({
  response_type: z.string(),
  client_id: z.string().min(1),
  redirect_uri: z.string().min(1),
  scope: z.string().optional(),
  state: z.string().optional(),
  code_challenge: z.string().optional(),
  code_challenge_method: z.enum(['S256', 'plain']).optional(),
  force_login: z.string().optional(),
  lang: z.string().optional(),
});
type AuthorizeParams = z.infer<typeof authorizeParams>;

/** GET /oauth/authorize shows sign-in or consent; POST /oauth/authorize records the decision. */
export function authorizeRoutes(deps: ApiDeps, server: OAuth2Server): Router {
  const router = Router();
  const render = (res: Response, status: number, title: string, body: Parameters<typeof page>[2]) =>
    res.status(status).type('html').set('Cache-Control', 'no-store').send(page(title, deps.config.instance.title, body));

  /** Checks the client and redirect URI before anything else: a bad one is never redirected to. */
  async function checkRequest(input: unknown, res: Response): Promise<AuthorizeParams | null> {
    const parsed = authorizeParams.safeParse(input);
    if (!parsed.success) {
      render(res, 400, 'Invalid request', message('Invalid request', 'The application sent an incomplete authorization request.'));
      return null;
    }
    const app = await findAppByClientId(await deps.vault(), parsed.data.client_id);
    // an app registered before its scheme was forbidden is never redirected to either
    if (!app || !app.redirectUris.includes(parsed.data.redirect_uri) || redirectUriProblem(parsed.data.redirect_uri)) {
      render(res, 400, 'Invalid request', message('Invalid request', 'Unknown application or redirect URI.'));
      return null;
    }
    const scopes = parseScopes(parsed.data.scope);
    const wanted = scopes.length ? scopes : DEFAULT_SCOPES;
    if (parsed.data.response_type !== 'code' || unknownScopes(wanted).length || !scopesWithin(wanted, app.scopes)) {
      redirectWithError(res, parsed.data, parsed.data.response_type !== 'code' ? 'unsupported_response_type' : 'invalid_scope');
      return null;
    }
    return parsed.data;
  }

  router.get('/oauth/authorize', async (req, res) => {
    const params = await checkRequest(req.query, res);
    if (!params) return;
    const vault = await deps.vault();
    const session = await currentSession(req, res, vault, deps.clock);
    if (!session || params.force_login === 'true') {
      render(res, 200, 'Sign in', signInForm({ returnTo: req.originalUrl }));
      return;
    }
    const app = (await findAppByClientId(vault, params.client_id))!;
    const account = await accountsCollection(await deps.readModels()).get(session.accountId);
    const scopes = parseScopes(params.scope);
    render(
      res,
      200,
      'Authorize',
      consentForm({
        appName: app.name,
        website: app.website,
        username: account?.username ?? '',
        scopes: scopes.length ? scopes : DEFAULT_SCOPES,
        params: definedStrings(params),
        csrfToken: session.csrfToken,
      }),
    );
  });

  router.post('/oauth/authorize', async (req, res) => {
    const params = await checkRequest(req.body, res);
    if (!params) return;
    const vault = await deps.vault();
    const session = await currentSession(req, res, vault, deps.clock);
    if (!session || req.body?.authenticity_token !== session.csrfToken) {
      render(res, 403, 'Sign in', signInForm({ returnTo: `/oauth/authorize?${new URLSearchParams(definedStrings(params))}`, error: 'Your session expired. Please sign in again.' }));
      return;
    }
    if (req.body?.decision !== 'approve') return redirectWithError(res, params, 'access_denied');
    const response = new OAuth2Server.Response();
    const code = await server.authorize(oauthRequest({ method: 'POST', headers: req.headers, query: {}, body: definedStrings(params) }), response, {
      authenticateHandler: { handle: () => ({ accountId: session.accountId }) },
    });
    if (params.redirect_uri === OOB_REDIRECT_URI) {
      render(res, 200, 'Authorization code', codeShown(code.authorizationCode));
      return;
    }
    res.redirect(302, String(response.get('location')));
  });

  router.post('/auth/sign_out', async (req, res) => {
    await endSession(req, res, await deps.vault());
    res.redirect(302, '/auth/sign_in');
  });
  return router;
}

function redirectWithError(res: Response, params: AuthorizeParams, error: string) {
  if (params.redirect_uri === OOB_REDIRECT_URI) {
    res.status(400).json({ error, error_description: 'The authorization request was refused.' });
    return;
  }
  const target = new URL(params.redirect_uri);
  target.searchParams.set('error', error);
  if (params.state) target.searchParams.set('state', params.state);
  res.redirect(302, target.toString());
}

function definedStrings(params: AuthorizeParams): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
