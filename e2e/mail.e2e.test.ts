import { createOAuthAPIClient, createRestAPIClient } from 'masto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { FormBrowser, formsOf } from './support/browser.ts';
import { linkIn, startSmtpInbox } from './support/smtp-inbox.ts';
import { statusOf } from './support/users.ts';

/**
 * Mail through a real SMTP server running in the test: the confirmation link at sign-up
 * (and its resend), the password reset pages, the new sign-in notice, approval and
 * rejection notices, and a moderator's warning.
 */
const temp = makeTempDir('strata-e2e-mail-');
let strata: StrataProcess;
let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
let app: { clientId: string; clientSecret: string };
let adminToken: string;
const REDIRECT = 'urn:ietf:wg:oauth:2.0:oob';
const cli = (...args: string[]) => runNode('packages/cli/src/main.ts', args, { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });
const oauth = () => createOAuthAPIClient({ url: strata.url });
const passwordToken = (username: string, password: string, scope = 'read write') =>
  oauth().token.create({ grantType: 'password', clientId: app.clientId, clientSecret: app.clientSecret, redirectUri: REDIRECT, username, password, scope });
/** Links name the public URL (localhost): the test reaches the same server on 127.0.0.1. */
const local = (link: string) => link.replace('//localhost:', '//127.0.0.1:');
const call = (path: string, token: string, init: RequestInit = {}) =>
  fetch(`${strata.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });

async function signUp(username: string) {
  const appToken = await oauth().token.create({ grantType: 'client_credentials', clientId: app.clientId, clientSecret: app.clientSecret, redirectUri: REDIRECT, scope: 'read write' });
  const registrar = createRestAPIClient({ url: strata.url, accessToken: appToken.accessToken });
  const token = await registrar.v1.accounts.create({ username, email: `${username}@example.com`, password: `${username} password 1`, agreement: true, locale: 'en', reason: 'hello' });
  return token.accessToken;
}

beforeAll(async () => {
  inbox = await startSmtpInbox();
  strata = await startStrataProcess({
    dataDir: temp.path,
    env: { STRATA_SMTP_HOST: '127.0.0.1', STRATA_SMTP_PORT: String(inbox.port), STRATA_SMTP_SECURITY: 'none', STRATA_SMTP_FROM: 'Mail Test <mail@strata.test>', STRATA_REQUIRE_EMAIL_CONFIRMATION: 'true' },
  });
  app = (await createRestAPIClient({ url: strata.url }).v1.apps.create({ clientName: 'mail', redirectUris: REDIRECT, scopes: 'read write admin:read admin:write' })) as never;
  expect((await cli('accounts', 'create', 'boss', '--email', 'boss@example.com', '--password', 'boss password 1', '--role', 'admin', '--confirmed')).code).toBe(0);
  adminToken = (await eventually(() => passwordToken('boss', 'boss password 1', 'read write admin:read admin:write').catch(() => undefined))).accessToken;
}, 60_000);

afterAll(async () => {
  await strata?.kill();
  await inbox?.close();
  temp.remove();
});

describe('e-mail confirmation', () => {
  it('states the transport at start-up, keeps the account unconfirmed until the (resent) link is followed', async () => {
    expect(strata.output()).toMatch(/SMTP 127\.0\.0\.1:\d+ \(none\).*mail transport/);
    const token = await signUp('newbie');
    expect(await statusOf(createRestAPIClient({ url: strata.url, accessToken: token }).v1.accounts.verifyCredentials())).toBe(403);
    expect(await (await call('/api/v1/emails/check_confirmation', token)).json()).toBe(false);

    const first = await inbox.take('newbie@example.com', 'confirm your e-mail address');
    expect(first.from).toContain('mail@strata.test');
    expect((await call('/api/v1/emails/confirmations', token, { method: 'POST', body: '{}' })).status).toBe(200);
    const second = await inbox.take('newbie@example.com', 'confirm your e-mail address');
    // a resend replaces the earlier link
    expect((await fetch(local(linkIn(first, '/auth/confirmation')))).status).toBe(404);

    const confirmed = await fetch(local(linkIn(second, '/auth/confirmation')));
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Your e-mail address is confirmed');
    expect((await createRestAPIClient({ url: strata.url, accessToken: token }).v1.accounts.verifyCredentials()).username).toBe('newbie');
    expect(await (await call('/api/v1/emails/check_confirmation', token)).json()).toBe(true);
    expect((await call('/api/v1/emails/confirmations', token, { method: 'POST', body: '{}' })).status).toBe(403);
  });
});

describe('password reset', () => {
  it('sends a link whose page sets a new password and signs the old sessions out', async () => {
    const old = await passwordToken('boss', 'boss password 1');
    const browser = new FormBrowser(strata.url);
    expect((await browser.get('/auth/sign_in')).html).toContain('/auth/password/new');
    const request = await browser.get('/auth/password/new');
    const sent = await browser.submit(formsOf(request.html)[0]!, { email: 'BOSS@example.com' });
    expect(sent.html).toContain('Check your e-mail');
    // an unknown address gets the same page and no mail
    expect((await browser.submit(formsOf(request.html)[0]!, { email: 'nobody@example.com' })).html).toContain('Check your e-mail');

    const mail = await inbox.take('boss@example.com', 'reset your password');
    const link = local(linkIn(mail, '/auth/password/edit'));
    const form = await browser.get(new URL(link).pathname + new URL(link).search);
    expect(form.status).toBe(200);
    const mismatch = await browser.submit(formsOf(form.html)[0]!, { password: 'brand new secret', password_confirmation: 'other' });
    expect(mismatch.status).toBe(422);
    const done = await browser.submit(formsOf(form.html)[0]!, { password: 'brand new secret', password_confirmation: 'brand new secret' });
    expect(done.html).toContain('Your password was changed');
    // the link works once
    expect((await browser.get(new URL(link).pathname + new URL(link).search)).status).toBe(404);

    expect(await statusOf(passwordToken('boss', 'boss password 1'))).toBe(400);
    expect((await call('/api/v1/accounts/verify_credentials', old.accessToken)).status).toBe(401);
    adminToken = (await passwordToken('boss', 'brand new secret', 'read write admin:read admin:write')).accessToken;
  });
});

describe('notices', () => {
  it('tells of a sign-in from a new address, once', async () => {
    const signIn = (address: string) =>
      fetch(`${strata.url}/auth/sign_in`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
        body: new URLSearchParams({ login: 'boss', password: 'brand new secret', return_to: '/' }),
      });
    expect((await signIn('203.0.113.7')).status).toBe(303);
    const notice = await inbox.take('boss@example.com', 'new sign-in');
    expect(notice.text).toContain('203.0.113.7');
    expect((await signIn('203.0.113.7')).status).toBe(303);
    expect((await signIn('198.51.100.4')).status).toBe(303);
    // the next notice is about the other address: the same address twice earned none
    expect((await inbox.take('boss@example.com', 'new sign-in')).text).toContain('198.51.100.4');
  });

  it('sends approval and rejection notices and a moderator warning', async () => {
    expect((await cli('instance', 'registrations', 'approval')).code).toBe(0);
    await eventually(async () => (await (await fetch(`${strata.url}/auth/sign_up`)).text()).includes('Why do you want to join?'));
    await signUp('hopeful');
    await signUp('doubtful');
    const admin = createRestAPIClient({ url: strata.url, accessToken: adminToken });
    const pending = await eventually(async () => {
      const list = await admin.v1.admin.accounts.list({ pending: true });
      return list.length === 2 ? list : undefined;
    });
    const idOf = (username: string) => pending.find((account) => account.username === username)!.id;
    await admin.v1.admin.accounts.$select(idOf('hopeful')).approve();
    expect((await inbox.take('hopeful@example.com', 'your account was approved')).text).toContain('/auth/sign_in');
    await admin.v1.admin.accounts.$select(idOf('doubtful')).reject();
    expect((await inbox.take('doubtful@example.com', 'not approved')).text).toContain('@doubtful');

    const warned = await call(`/api/v1/admin/accounts/${idOf('hopeful')}/action`, adminToken, {
      method: 'POST',
      body: JSON.stringify({ type: 'none', text: 'Please be kind to others.', send_email_notification: true }),
    });
    expect(warned.status).toBe(200);
    expect((await inbox.take('hopeful@example.com', 'a warning from the moderators')).text).toContain('Please be kind to others.');
  });
});
