import { expect } from 'vitest';
import { FormBrowser, formsOf } from './browser.ts';

/** Deletes an account on its web page (Mastodon's /settings/delete), as its owner would: signed in, with the password. */
export async function deleteAccountOnWeb(url: string, login: string, password: string) {
  const page = new FormBrowser(url);
  const signIn = await page.get('/auth/sign_in?return_to=%2Fsettings%2Fdelete');
  await page.submit(formsOf(signIn.html)[0]!, { login, password });
  const form = formsOf((await page.get('/settings/delete')).html).find((f) => f.action === '/settings/delete')!;
  expect((await page.submit(form, { password })).status).toBe(200);
}
