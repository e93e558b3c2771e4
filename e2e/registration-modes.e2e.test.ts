import { join } from 'node:path';
import { createOAuthAPIClient, createRestAPIClient } from 'masto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '@strata/event-store';
import { eventually, makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { FormBrowser, formsOf } from './support/browser.ts';

/**
 * What an operator does with the CLI (accounts with roles and passwords, approval,
 * registration modes), the sign-up page, and what must never reach the event log.
 */
const temp = makeTempDir('strata-e2e-modes-');
let strata: StrataProcess;
const cli = (...args: string[]) => runNode('packages/cli/src/main.ts', args, { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });
const REDIRECT = 'urn:ietf:wg:oauth:2.0:oob';
let app: { clientId: string; clientSecret: string };

async function passwordToken(username: string, password: string) {
  return createOAuthAPIClient({ url: strata.url }).token.create({
    grantType: 'password',
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri: REDIRECT,
    username,
    password,
    scope: 'read write',
  });
}

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path, env: { STRATA_REGISTRATIONS: 'approval' } });
  app = (await createRestAPIClient({ url: strata.url }).v1.apps.create({ clientName: 'ops', redirectUris: REDIRECT, scopes: 'read write profile' })) as never;
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('the operator CLI', () => {
  it('creates an admin with a known password who can sign in at once', async () => {
    const created = await cli('accounts', 'create', 'root', '--email', 'root@example.com', '--password', 'admin password 1', '--role', 'admin');
    expect(created.code).toBe(0);
    const token = await eventually(() => passwordToken('root@example.com', 'admin password 1').catch(() => undefined));
    const me = await createRestAPIClient({ url: strata.url, accessToken: token.accessToken }).v1.accounts.verifyCredentials();
    expect(me.role).toMatchObject({ name: 'Admin' });
    expect(me.roles).toEqual([expect.objectContaining({ name: 'Admin' })]);
  });

  it('lets a sign-up wait for approval, then approves it', async () => {
    const browser = new FormBrowser(strata.url);
    const page = await browser.get('/auth/sign_up');
    expect(page.html).toContain('Why do you want to join?');
    const done = await browser.submit(formsOf(page.html)[0]!, {
      username: 'carol',
      email: 'carol@example.com',
      password: 'carol password',
      password_confirmation: 'carol password',
      agreement: '1',
      reason: 'I like the people here',
    });
    expect(done.html).toContain('awaits approval');
    expect(await passwordToken('carol@example.com', 'carol password').catch((e) => e.statusCode)).toBe(400);
    expect((await fetch(`${strata.url}/api/v1/accounts/lookup?acct=carol`)).status).toBe(404);

    expect((await cli('accounts', 'approve', 'carol')).code).toBe(0);
    const token = await passwordToken('carol@example.com', 'carol password');
    const client = createRestAPIClient({ url: strata.url, accessToken: token.accessToken });
    expect((await client.v1.accounts.verifyCredentials()).username).toBe('carol');
    await eventually(async () => (await fetch(`${strata.url}/api/v1/accounts/lookup?acct=carol`)).status === 200);
  });

  it('closes and reopens registrations for the API, the page and the instance document', async () => {
    expect((await cli('instance', 'registrations', 'closed')).code).toBe(0);
    await eventually(async () => (await fetch(`${strata.url}/auth/sign_up`)).status === 403);
    const appToken = await createOAuthAPIClient({ url: strata.url }).token.create({ grantType: 'client_credentials', clientId: app.clientId, clientSecret: app.clientSecret, redirectUri: REDIRECT, scope: 'write' });
    const refused = await fetch(`${strata.url}/api/v1/accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${appToken.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'dave', email: 'dave@example.com', password: 'dave password', agreement: true }),
    });
    expect(refused.status).toBe(403);
    expect((await cli('instance', 'registrations', 'open')).code).toBe(0);
    await eventually(async () => (await fetch(`${strata.url}/auth/sign_up`)).status === 200);
  });
});

describe('what clients read about the signed-in user', () => {
  it('serves preferences, custom emojis, announcements, search, userinfo and the OAuth metadata', async () => {
    const token = await passwordToken('root@example.com', 'admin password 1');
    const client = createRestAPIClient({ url: strata.url, accessToken: token.accessToken });
    expect(await client.v1.preferences.fetch()).toMatchObject({ 'posting:default:visibility': 'public', 'reading:expand:spoilers': false });
    expect(await client.v1.customEmojis.list()).toEqual([]);
    expect(await client.v1.announcements.list()).toEqual([]);
    const found = await client.v1.accounts.search.list({ q: 'car' });
    expect(found.map((a) => a.username)).toEqual(['carol']);
    const userinfo = await (await fetch(`${strata.url}/oauth/userinfo`, { headers: { authorization: `Bearer ${token.accessToken}` } })).json();
    expect(userinfo).toMatchObject({ preferred_username: 'root', sub: `http://localhost:${strata.port}/users/root` });
    const metadata = await (await fetch(`${strata.url}/.well-known/oauth-authorization-server`)).json();
    expect(metadata).toMatchObject({ token_endpoint: `http://localhost:${strata.port}/oauth/token`, code_challenge_methods_supported: ['S256', 'plain'] });
  });
});

describe('the event log', () => {
  it('never carries passwords, password hashes, e-mail addresses or tokens', async () => {
    const store = openSqliteEventStore({ path: join(temp.path, 'events.db') });
    try {
      const everything = JSON.stringify(await store.readAll());
      expect(everything).toContain('AccountRegistered');
      for (const secret of ['admin password 1', 'carol password', 'root@example.com', 'carol@example.com', 'scrypt$', 'I like the people here']) {
        expect(everything).not.toContain(secret);
      }
    } finally {
      await store.close();
    }
  });
});
