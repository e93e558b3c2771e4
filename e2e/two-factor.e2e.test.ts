import { createOAuthAPIClient, createRestAPIClient } from 'masto';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { FormBrowser, formsOf } from './support/browser.ts';
import { signUpUsers, statusOf } from './support/users.ts';

/**
 * Two-factor sign-in through the HTML pages: set up on the settings page with a code from
 * the shown secret, asked for after the password, recovery codes single-use, the password
 * grant refused while it is on.
 */
const temp = makeTempDir('strata-e2e-2fa-');
let strata: StrataProcess;
let app: { clientId: string; clientSecret: string };
let secret = '';
let recovery: string[] = [];
const SETTINGS = '/settings/two_factor_authentication';
const REDIRECT = 'urn:ietf:wg:oauth:2.0:oob';
const codeAt = (offsetMs: number) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetMs });
const passwordGrant = () =>
  createOAuthAPIClient({ url: strata.url }).token.create({ grantType: 'password', clientId: app.clientId, clientSecret: app.clientSecret, redirectUri: REDIRECT, username: 'otto', password: 'otto password 1', scope: 'read' });

/** Signs in with the password on a fresh browser; the page that answers (the code form when 2FA is on). */
async function passwordStep() {
  const browser = new FormBrowser(strata.url);
  const signIn = await browser.get(`/auth/sign_in?return_to=${encodeURIComponent(SETTINGS)}`);
  const answer = await browser.submit(formsOf(signIn.html)[0]!, { login: 'otto', password: 'otto password 1' });
  return { browser, answer };
}

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  await signUpUsers(strata.url, ['otto']);
  app = (await createRestAPIClient({ url: strata.url }).v1.apps.create({ clientName: 'otp', redirectUris: REDIRECT, scopes: 'read' })) as never;
}, 60_000);

afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('two-factor sign-in', () => {
  it('is set up on the settings page with a code from the shown secret', async () => {
    const { browser, answer } = await passwordStep();
    expect(answer.location).toBe(SETTINGS);
    const off = await browser.get(SETTINGS);
    expect(off.html).toContain('<strong>off</strong>');
    const shown = await browser.submit(formsOf(off.html)[0]!, {});
    expect(shown.html).toContain('<svg');
    secret = /<code id="otp-secret">([A-Z2-7]+)<\/code>/.exec(shown.html)![1]!;
    expect(shown.html).toMatch(/otpauth:\/\/totp\/[^"]*otto[^"]*secret=/);

    const wrong = await browser.submit(formsOf(shown.html)[0]!, { code: '000000' === codeAt(0) ? '111111' : '000000' });
    expect(wrong.status).toBe(422);
    const on = await browser.submit(formsOf(shown.html)[0]!, { code: codeAt(0) });
    expect(on.status).toBe(200);
    recovery = [...on.html.matchAll(/<li><code>([0-9a-f]{10})<\/code><\/li>/g)].map((m) => m[1]!);
    expect(recovery).toHaveLength(10);
    expect((await browser.get(SETTINGS)).html).toContain('<strong>on</strong>');
  });

  it('refuses the password grant while it is on, as Mastodon does', async () => {
    expect(await statusOf(passwordGrant())).toBe(400);
  });

  it('asks for the code after the password; no session before it', async () => {
    const { browser, answer } = await passwordStep();
    expect(answer.status).toBe(200);
    expect(answer.html).toContain('authenticator app');
    expect((await browser.get(SETTINGS)).status).toBe(303);
    const form = formsOf(answer.html)[0]!;
    expect((await browser.submit(form, { code: '12345' })).status).toBe(401);
    // the next time step's code: the current one was used up when setting up
    const done = await browser.submit(form, { code: codeAt(30_000) });
    expect(done.status).toBe(303);
    expect(done.location).toBe(SETTINGS);
    expect((await browser.get(SETTINGS)).html).toContain('Recovery codes left: 10');
    // a code works once
    const again = await passwordStep();
    expect((await again.browser.submit(formsOf(again.answer.html)[0]!, { code: codeAt(30_000) })).status).toBe(401);
  });

  it('takes a recovery code once', async () => {
    const first = await passwordStep();
    expect((await first.browser.submit(formsOf(first.answer.html)[0]!, { code: recovery[0]! })).status).toBe(303);
    expect((await first.browser.get(SETTINGS)).html).toContain('Recovery codes left: 9');
    const second = await passwordStep();
    expect((await second.browser.submit(formsOf(second.answer.html)[0]!, { code: recovery[0]! })).status).toBe(401);
  });

  it('is turned off with a code, and the password grant works again', async () => {
    const { browser, answer } = await passwordStep();
    await browser.submit(formsOf(answer.html)[0]!, { code: recovery[1]! });
    const page = await browser.get(SETTINGS);
    const off = await browser.submit(formsOf(page.html)[0]!, { code: recovery[2]! });
    expect(off.html).toContain('<strong>off</strong>');
    expect((await passwordGrant()).accessToken).toBeTruthy();
  });
});
