import { join } from 'node:path';
import sharp from 'sharp';
import { hashSecret } from '@strata/auth';
import { openSqliteReadModels } from '@strata/read-models';
import { type mastodon, createOAuthAPIClient, createRestAPIClient } from 'masto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { FormBrowser, formsOf } from './support/browser.ts';
import { pkcePair } from './support/pkce.ts';

/**
 * A Mastodon client's whole way in, through the `masto` library and the real HTML forms:
 * register an app, sign up, authorize with PKCE, use and revoke the token.
 */
const temp = makeTempDir('strata-e2e-oauth-');
const REDIRECT = 'http://127.0.0.1:9/callback';
let strata: StrataProcess;
let app: mastodon.v1.Application & { clientId: string; clientSecret: string };
let oauth: mastodon.oauth.Client;
const alice = { username: 'alice', email: 'alice@example.com', password: 'correct horse battery' };

const statusOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (error: { statusCode?: number }) => error.statusCode,
  );
const tokenRequest = (params: Record<string, string>) =>
  fetch(`${strata.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: app.clientId, client_secret: app.clientSecret, redirect_uri: REDIRECT, ...params }),
  });

/** Goes through the authorize page as a person would; returns the redirect it ends with. */
async function authorizeInBrowser(query: Record<string, string>, password = alice.password) {
  const browser = new FormBrowser(strata.url);
  const params = new URLSearchParams({ response_type: 'code', client_id: app.clientId, redirect_uri: REDIRECT, ...query });
  const signInPage = await browser.get(`/oauth/authorize?${params}`);
  expect(signInPage.status).toBe(200);
  expect(signInPage.html).toContain('Sign in');
  const signedIn = await browser.submit(formsOf(signInPage.html)[0]!, { login: alice.email, password });
  if (signedIn.status !== 303) return { signedIn };
  const consentPage = await browser.get(signedIn.location!);
  expect(consentPage.html).toContain('Authorize Strata E2E?');
  expect(consentPage.html).toContain('@alice');
  const decision = await browser.submit(formsOf(consentPage.html)[0]!, { decision: 'approve' });
  expect(decision.status).toBe(302);
  return { signedIn, redirect: new URL(decision.location!) };
}

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  oauth = createOAuthAPIClient({ url: strata.url });
  const anonymous = createRestAPIClient({ url: strata.url });
  app = (await anonymous.v1.apps.create({
    clientName: 'Strata E2E',
    redirectUris: REDIRECT,
    scopes: 'read write follow push profile',
    website: 'https://example.org',
  })) as typeof app;
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('apps', () => {
  it('registers an app and verifies it with an app token', async () => {
    expect(app).toMatchObject({ name: 'Strata E2E', website: 'https://example.org', redirectUri: REDIRECT });
    expect(app.clientId).toBeTruthy();
    expect(app.clientSecret).toBeTruthy();
    const token = await oauth.token.create({ grantType: 'client_credentials', clientId: app.clientId, clientSecret: app.clientSecret, redirectUri: REDIRECT, scope: 'read write' });
    expect(token).toMatchObject({ tokenType: 'Bearer', scope: 'read write' });
    const verified = await createRestAPIClient({ url: strata.url, accessToken: token.accessToken }).v1.apps.verifyCredentials();
    expect(verified.name).toBe('Strata E2E');
    expect(verified).not.toHaveProperty('clientSecret');
  });

  it('refuses an app with an unknown scope or a bad redirect URI', async () => {
    const anonymous = createRestAPIClient({ url: strata.url });
    expect(await statusOf(anonymous.v1.apps.create({ clientName: 'x', redirectUris: REDIRECT, scopes: 'read fly' }))).toBe(422);
    expect(await statusOf(anonymous.v1.apps.create({ clientName: 'x', redirectUris: 'not a uri', scopes: 'read' }))).toBe(422);
    expect(await statusOf(anonymous.v1.apps.create({ clientName: '', redirectUris: REDIRECT, scopes: 'read' }))).toBe(400);
  });
});

describe('signing up and signing in', () => {
  let appToken: string;

  beforeAll(async () => {
    appToken = (await oauth.token.create({ grantType: 'client_credentials', clientId: app.clientId, clientSecret: app.clientSecret, redirectUri: REDIRECT, scope: 'read write' })).accessToken;
  });

  it('registers through the API with an app token', async () => {
    const client = createRestAPIClient({ url: strata.url, accessToken: appToken });
    const token = await client.v1.accounts.create({ ...alice, agreement: true, locale: 'en' });
    const me = await createRestAPIClient({ url: strata.url, accessToken: token.accessToken }).v1.accounts.verifyCredentials();
    expect(me).toMatchObject({ username: 'alice', acct: 'alice', displayName: '', locked: false, followersCount: 0 });
    expect(me.source).toMatchObject({ privacy: 'public', sensitive: false, note: '' });
  });

  it('answers bad registrations with Mastodon-shaped 422s', async () => {
    const response = await fetch(`${strata.url}/api/v1/accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${appToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ALICE', email: 'other@example.com', password: 'long enough pass', agreement: true, locale: 'en' }),
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ details: { username: [{ error: 'ERR_TAKEN' }] } });
    const shortPassword = await fetch(`${strata.url}/api/v1/accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${appToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bob', email: 'alice@EXAMPLE.com', password: 'short', agreement: true }),
    });
    expect((await shortPassword.json()) as object).toMatchObject({ details: { password: [{ error: 'ERR_TOO_SHORT' }] } });
  });

  it('authorizes with PKCE through the HTML pages and exchanges the code once', async () => {
    const pkce = pkcePair();
    const { redirect } = await authorizeInBrowser({ scope: 'read write', state: 'xyz', code_challenge: pkce.challenge, code_challenge_method: 'S256' });
    expect(redirect!.origin + redirect!.pathname).toBe(REDIRECT);
    expect(redirect!.searchParams.get('state')).toBe('xyz');
    const code = redirect!.searchParams.get('code')!;

    const wrongVerifier = await tokenRequest({ grant_type: 'authorization_code', code, code_verifier: pkcePair().verifier });
    expect(wrongVerifier.status).toBe(400);
    expect(await wrongVerifier.json()).toMatchObject({ error: 'invalid_grant' });

    const { redirect: second } = await authorizeInBrowser({ scope: 'read write', code_challenge: pkce.challenge, code_challenge_method: 'S256' });
    const freshCode = second!.searchParams.get('code')!;
    const token = await oauth.token.create({
      grantType: 'authorization_code',
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      redirectUri: REDIRECT,
      code: freshCode,
      codeVerifier: pkce.verifier,
    } as mastodon.oauth.CreateTokenWithAuthorizationCodeParams);
    expect(token.scope).toBe('read write');
    const replay = await tokenRequest({ grant_type: 'authorization_code', code: freshCode, code_verifier: pkce.verifier });
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });

    const client = createRestAPIClient({ url: strata.url, accessToken: token.accessToken });
    expect((await client.v1.accounts.verifyCredentials()).username).toBe('alice');

    const avatar = await sharp({ create: { width: 600, height: 500, channels: 3, background: { r: 10, g: 120, b: 200 } } }).png().toBuffer();
    const updated = await client.v1.accounts.updateCredentials({
      displayName: 'Alice Liddell',
      note: 'Curiouser and curiouser.\nhttps://example.org',
      fieldsAttributes: [{ name: 'Home', value: 'Wonderland' }],
      avatar: new Blob([avatar], { type: 'image/png' }),
      locked: true,
      source: { privacy: 'unlisted' },
    });
    expect(updated).toMatchObject({ displayName: 'Alice Liddell', locked: true, fields: [{ name: 'Home', value: 'Wonderland' }] });
    expect(updated.note).toContain('<p>Curiouser and curiouser.<br /><a href="https://example.org"');
    expect(updated.source.note).toBe('Curiouser and curiouser.\nhttps://example.org');
    expect(updated.source.privacy).toBe('unlisted');
    const picture = await fetch(updated.avatar);
    expect(picture.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await picture.arrayBuffer())).metadata()).width).toBe(400);
    expect((await client.v1.accounts.lookup({ acct: 'alice' })).displayName).toBe('Alice Liddell');

    await oauth.revoke({ clientId: app.clientId, clientSecret: app.clientSecret, token: token.accessToken });
    expect(await statusOf(client.v1.accounts.verifyCredentials())).toBe(401);
  });

  it('refuses a code sent with another redirect URI, and an expired code', async () => {
    const { redirect } = await authorizeInBrowser({ scope: 'read' });
    const code = redirect!.searchParams.get('code')!;
    const elsewhere = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:9/other' });
    expect(elsewhere.status).toBe(400);
    expect(((await elsewhere.json()) as { error: string }).error).toMatch(/invalid_(grant|request)/);

    const { redirect: again } = await authorizeInBrowser({ scope: 'read' });
    const stale = again!.searchParams.get('code')!;
    const vault = openSqliteReadModels({ path: join(temp.path, 'vault.db') });
    try {
      await vault.collection('oauth_codes').patch(hashSecret(stale), { expiresAt: new Date(Date.now() - 60_000).toISOString() });
    } finally {
      await vault.close();
    }
    const expired = await tokenRequest({ grant_type: 'authorization_code', code: stale });
    expect(expired.status).toBe(400);
    expect(await expired.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('shows the code for out-of-band apps', async () => {
    const anonymous = createRestAPIClient({ url: strata.url });
    const oob = (await anonymous.v1.apps.create({ clientName: 'Strata E2E', redirectUris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read' })) as typeof app;
    const saved = app;
    app = oob;
    try {
      const browser = new FormBrowser(strata.url);
      const params = new URLSearchParams({ response_type: 'code', client_id: oob.clientId, redirect_uri: 'urn:ietf:wg:oauth:2.0:oob' });
      const signIn = await browser.get(`/oauth/authorize?${params}`);
      const signedIn = await browser.submit(formsOf(signIn.html)[0]!, { login: 'alice', password: alice.password });
      const consent = await browser.get(signedIn.location!);
      const shown = await browser.submit(formsOf(consent.html)[0]!, { decision: 'approve' });
      const code = /id="authorization-code">([^<]+)</.exec(shown.html)![1]!;
      const token = await oauth.token.create({ grantType: 'authorization_code', clientId: oob.clientId, clientSecret: oob.clientSecret, redirectUri: 'urn:ietf:wg:oauth:2.0:oob', code });
      expect(token.scope).toBe('read');
    } finally {
      app = saved;
    }
  });

  it('signs in with the password grant, and refuses a wrong password', async () => {
    const token = await oauth.token.create({ grantType: 'password', clientId: app.clientId, clientSecret: app.clientSecret, redirectUri: REDIRECT, username: alice.email, password: alice.password, scope: 'read' });
    const client = createRestAPIClient({ url: strata.url, accessToken: token.accessToken });
    expect((await client.v1.accounts.verifyCredentials()).username).toBe('alice');
    // a read-only token may not write
    expect(await statusOf(client.v1.accounts.updateCredentials({ displayName: 'x' }))).toBe(403);
    const wrong = await tokenRequest({ grant_type: 'password', username: alice.email, password: 'not the password', scope: 'read' });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a wrong password on the sign-in page, and an unknown redirect URI', async () => {
    const { signedIn } = await authorizeInBrowser({}, 'not the password');
    expect(signedIn.status).toBe(401);
    expect(signedIn.html).toContain('Invalid e-mail address or password');
    const page = await fetch(`${strata.url}/oauth/authorize?response_type=code&client_id=${app.clientId}&redirect_uri=https://evil.example/cb`);
    expect(page.status).toBe(400);
    const badRedirect = await tokenRequest({ grant_type: 'client_credentials', redirect_uri: 'https://evil.example/cb' });
    expect(badRedirect.status).toBeLessThan(500);
  });

  it('answers missing and unknown tokens with 401', async () => {
    expect(await statusOf(createRestAPIClient({ url: strata.url }).v1.accounts.verifyCredentials())).toBe(401);
    const response = await fetch(`${strata.url}/api/v1/accounts/verify_credentials`, { headers: { authorization: 'Bearer nonsense' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'The access token is invalid' });
  });

  it('rate-limits sign-ups from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`${strata.url}/api/v1/accounts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${appToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ username: `flood${i}`, email: `flood${i}@example.com`, password: 'long enough pass', agreement: true }),
      });
      statuses.push(response.status);
    }
    expect(statuses).toContain(429);
    expect(statuses.indexOf(429)).toBeLessThanOrEqual(5);
  });
});
