import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { FormBrowser, formsOf } from './support/browser.ts';
import { signUpUsers } from './support/users.ts';

/** What an attacker tries around the OAuth flow: dangerous redirect URIs, and a suspended user's open browser session. */
const temp = makeTempDir('strata-e2e-oauth-safety-');
const REDIRECT = 'http://127.0.0.1:9/callback';
let strata: StrataProcess;
let app: { client_id: string; client_secret: string };

const registerApp = (redirectUris: string | string[]) =>
  fetch(`${strata.url}/api/v1/apps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: 'Safety', redirect_uris: redirectUris, scopes: 'read write' }),
  });

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  app = (await (await registerApp(REDIRECT)).json()) as typeof app;
  await signUpUsers(strata.url, ['erin']);
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('redirect URIs', () => {
  it.each(['javascript:alert(document.cookie)', 'JavaScript://%0aalert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd'])(
    'refuses %s with a 422 in Mastodon’s shape',
    async (uri) => {
      const response = await registerApp([REDIRECT, uri]);
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ error: expect.stringContaining('Redirect URI'), details: { redirect_uri: [expect.objectContaining({ error: 'ERR_INVALID' })] } });
    },
  );

  it('keeps custom app schemes and the out-of-band URI', async () => {
    const response = await registerApp(['myapp://callback', 'com.example.app:/oauth', 'urn:ietf:wg:oauth:2.0:oob']);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { redirect_uris: string[] }).redirect_uris).toEqual(['myapp://callback', 'com.example.app:/oauth', 'urn:ietf:wg:oauth:2.0:oob']);
  });
});

describe('a suspended account', () => {
  const authorizePath = () => `/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: app.client_id, redirect_uri: REDIRECT, scope: 'read' })}`;

  /** Signs in on the authorize page and returns the consent form, not yet submitted. */
  async function consentFor(browser: FormBrowser) {
    const signIn = await browser.get(authorizePath());
    const signedIn = await browser.submit(formsOf(signIn.html)[0]!, { login: 'erin', password: 'erin password 1' });
    expect(signedIn.status).toBe(303);
    const consent = await browser.get(signedIn.location!);
    expect(consent.html).toContain('Authorize');
    return formsOf(consent.html)[0]!;
  }

  it('cannot finish an authorization with its open browser session, nor use a code it got before', async () => {
    const earlier = new FormBrowser(strata.url);
    const approved = await earlier.submit(await consentFor(earlier), { decision: 'approve' });
    const code = new URL(approved.location!).searchParams.get('code')!;
    const browser = new FormBrowser(strata.url);
    const consent = await consentFor(browser);

    const suspended = await runNode('packages/cli/src/main.ts', ['accounts', 'suspend', 'erin'], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });
    expect(suspended.stdout).toContain('erin is suspended');

    const refused = await browser.submit(consent, { decision: 'approve' });
    expect(refused.status).toBe(403);
    expect(refused.location).toBeNull();
    // the session is over: the page asks to sign in again, and signing in says why not
    const again = await browser.get(authorizePath());
    expect(again.html).not.toContain('decision');
    const signIn = await browser.submit(formsOf(again.html)[0]!, { login: 'erin', password: 'erin password 1' });
    expect(signIn.status).toBe(401);
    expect(signIn.html).toContain('suspended');

    const exchange = await fetch(`${strata.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code', code, client_id: app.client_id, client_secret: app.client_secret, redirect_uri: REDIRECT }),
    });
    expect(exchange.status).toBe(400);
    expect(await exchange.json()).toMatchObject({ error: 'invalid_grant' });
  });
});
