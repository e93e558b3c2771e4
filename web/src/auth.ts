import { api, token } from './api.ts';

/*
 * Signing in through Strata's own OAuth server with PKCE: the app registers itself once
 * (POST /api/v1/apps), sends the browser to /oauth/authorize with a code challenge, and
 * exchanges the code it gets back for a token. A sign-in asks for the everyday scopes only;
 * a moderator grants the admin ones when first opening the moderation screens.
 */
const APP_KEY = 'strata-app';
const PENDING_KEY = 'strata-pkce';
const SCOPES_KEY = 'strata-scopes';
const SCOPES = 'read write follow';
export const MODERATION_SCOPES = `${SCOPES} admin:read admin:write`;
const APP_SCOPES = MODERATION_SCOPES;
const redirectUri = () => `${location.origin}/web/callback`;

interface RegisteredApp {
  client_id: string;
  client_secret: string;
  redirect_uri: string;
  scopes?: string;
}

/** The scopes the current token was granted. */
export const grantedScopes = () => (localStorage.getItem(SCOPES_KEY) ?? SCOPES).split(' ');

async function registeredApp(): Promise<RegisteredApp> {
  const saved = localStorage.getItem(APP_KEY);
  if (saved) {
    const app = JSON.parse(saved) as RegisteredApp;
    if (app.redirect_uri === redirectUri() && app.scopes === APP_SCOPES) return app;
  }
  const app = await api<RegisteredApp>('/api/v1/apps', { method: 'POST', body: { client_name: 'Strata Web', redirect_uris: redirectUri(), scopes: APP_SCOPES, website: location.origin } });
  const kept = { client_id: app.client_id, client_secret: app.client_secret, redirect_uri: redirectUri(), scopes: APP_SCOPES };
  localStorage.setItem(APP_KEY, JSON.stringify(kept));
  return kept;
}

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Sends the browser to authorize this app; a new user signs up first and comes back to the same consent. */
export async function startSignIn(newAccount = false, scope = SCOPES, returnTo = '/web/home'): Promise<void> {
  const app = await registeredApp();
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, scope, returnTo }));
  const params = new URLSearchParams({ response_type: 'code', client_id: app.client_id, redirect_uri: app.redirect_uri, scope, state, code_challenge: challenge, code_challenge_method: 'S256' });
  const authorize = `/oauth/authorize?${params}`;
  location.assign(newAccount ? `/auth/sign_up?return_to=${encodeURIComponent(authorize)}` : authorize);
}

/** On /web/callback: checks the state and exchanges the code for the user's token; answers where to go next. */
export async function finishSignIn(search: string): Promise<string> {
  const params = new URLSearchParams(search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as { verifier: string; state: string; scope: string; returnTo: string } | null;
  sessionStorage.removeItem(PENDING_KEY);
  const code = params.get('code');
  if (!pending || !code || params.get('state') !== pending.state) throw new Error('The sign-in could not be completed; please try again.');
  const app = await registeredApp();
  const issued = await api<{ access_token: string; scope?: string }>('/oauth/token', {
    method: 'POST',
    body: { grant_type: 'authorization_code', code, client_id: app.client_id, client_secret: app.client_secret, redirect_uri: app.redirect_uri, code_verifier: pending.verifier, scope: pending.scope },
  });
  // a moderator granting the admin scopes signs in again: the token it replaces is revoked
  const replaced = token.get();
  token.set(issued.access_token);
  localStorage.setItem(SCOPES_KEY, issued.scope ?? pending.scope);
  if (replaced && replaced !== issued.access_token) await revoke(app, replaced);
  return pending.returnTo.startsWith('/web/') ? pending.returnTo : '/web/home';
}

const revoke = (app: RegisteredApp, value: string) => api('/oauth/revoke', { method: 'POST', body: { client_id: app.client_id, client_secret: app.client_secret, token: value } }).catch(() => undefined);

export async function signOut(): Promise<void> {
  const app = localStorage.getItem(APP_KEY);
  const current = token.get();
  if (app && current) await revoke(JSON.parse(app) as RegisteredApp, current);
  token.clear();
  localStorage.removeItem(SCOPES_KEY);
}
