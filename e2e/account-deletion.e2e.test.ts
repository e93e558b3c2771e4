import sharp from 'sharp';
import type { mastodon } from 'masto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { FormBrowser, formsOf } from './support/browser.ts';
import { type TestUser, signUpUsers, statusOf } from './support/users.ts';

/**
 * A person deletes their own account on the web page (Mastodon's /settings/delete), as a
 * browser would: signed in with a session cookie, confirming with the password. Then
 * nothing of the account is visible to anyone through the API, the counts of the others
 * are right again, its token is dead and its name stays taken.
 */
const temp = makeTempDir('strata-e2e-deletion-');
let strata: StrataProcess;
let alice: TestUser, bob: TestUser, carol: TestUser;
let alicePost: mastodon.v1.Status, aliceMention: mastodon.v1.Status, bobPost: mastodon.v1.Status;
let avatarUrl: string;
let bobList: mastodon.v1.List;
const browser = () => new FormBrowser(strata.url);
const api = (path: string, token?: string) => fetch(`${strata.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const json = async <T>(path: string, token?: string) => (await (await api(path, token)).json()) as T;

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  ({ alice, bob, carol } = (await signUpUsers(strata.url, ['alice', 'bob', 'carol'])) as Record<'alice' | 'bob' | 'carol', TestUser>);
  const avatar = await sharp({ create: { width: 100, height: 100, channels: 3, background: { r: 200, g: 10, b: 10 } } }).png().toBuffer();
  avatarUrl = (await alice.client.v1.accounts.updateCredentials({ displayName: 'Alice Liddell', avatar: new Blob([avatar], { type: 'image/png' }) })).avatar;
  await bob.client.v1.accounts.$select(alice.id).follow();
  await carol.client.v1.accounts.$select(alice.id).follow();
  await alice.client.v1.accounts.$select(bob.id).follow();
  alicePost = await alice.client.v1.statuses.create({ status: 'curiouser and curiouser #farewell' });
  aliceMention = await alice.client.v1.statuses.create({ status: 'hello @bob' });
  bobPost = await bob.client.v1.statuses.create({ status: 'a post alice likes' });
  await alice.client.v1.statuses.$select(bobPost.id).favourite();
  await alice.client.v1.statuses.$select(bobPost.id).reblog();
  await alice.client.v1.statuses.$select(bobPost.id).bookmark();
  await bob.client.v1.statuses.$select(alicePost.id).favourite();
  bobList = await bob.client.v1.lists.create({ title: 'wonderland' });
  await bob.client.v1.lists.$select(bobList.id).accounts.create({ accountIds: [alice.id] });
  await alice.client.v1.lists.create({ title: 'her own list' });
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

/** Signs in through the HTML form and lands on the deletion page. */
async function openDeletionPage(login: string, password: string) {
  const page = browser();
  const signIn = await page.get('/settings/delete');
  expect(signIn.status).toBe(303);
  expect(signIn.location).toBe('/auth/sign_in?return_to=%2Fsettings%2Fdelete');
  const form = await page.get(signIn.location!);
  const signedIn = await page.submit(formsOf(form.html)[0]!, { login, password });
  expect(signedIn).toMatchObject({ status: 303, location: '/settings/delete' });
  const deletion = await page.get('/settings/delete');
  expect(deletion.status).toBe(200);
  expect(deletion.html).toContain('@alice');
  return { page, form: formsOf(deletion.html).find((f) => f.action === '/settings/delete')! };
}

describe('before the deletion', () => {
  it('shows the account, its content and its counts to others', async () => {
    expect((await bob.client.v1.accounts.$select(alice.id).fetch()).statusesCount).toBe(3); // two posts and a boost
    expect(await bob.client.v1.accounts.verifyCredentials()).toMatchObject({ followersCount: 1, followingCount: 1 });
    expect(await bob.client.v1.statuses.$select(bobPost.id).fetch()).toMatchObject({ favouritesCount: 1, reblogsCount: 1 });
    expect((await fetch(avatarUrl)).status).toBe(200);
  });
});

describe('deleting on the web page', () => {
  it('refuses a wrong password and a missing CSRF token, and deletes nothing', async () => {
    const { page, form } = await openDeletionPage('alice', 'alice password 1');
    const wrong = await page.submit(form, { password: 'not my password' });
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('The password is not correct.');
    const forged = await page.submit({ action: '/settings/delete', fields: {} }, { password: 'alice password 1' });
    expect(forged.status).toBe(403);
    expect((await bob.client.v1.accounts.$select(alice.id).fetch()).username).toBe('alice');
    expect((await alice.client.v1.accounts.verifyCredentials()).username).toBe('alice');
  });

  it('deletes the account with the right password and ends the session', async () => {
    const { page, form } = await openDeletionPage('alice@example.com', 'alice password 1');
    const deleted = await page.submit(form, { password: 'alice password 1' });
    expect(deleted.status).toBe(200);
    expect(deleted.html).toContain('Account deleted');
    const again = await page.get('/settings/delete');
    expect(again.status).toBe(303);
  });
});

describe('after the deletion', () => {
  it('answers 404 on every account route', async () => {
    for (const path of ['', '/statuses', '/followers', '/following']) {
      expect((await api(`/api/v1/accounts/${alice.id}${path}`, bob.token)).status, path).toBe(404);
    }
    expect((await api('/api/v1/accounts/lookup?acct=alice')).status).toBe(404);
    expect(await statusOf(bob.client.v1.accounts.$select(alice.id).follow())).toBe(404);
    expect(await bob.client.v1.accounts.relationships.fetch({ id: [alice.id] })).toEqual([]);
    for (const status of [alicePost, aliceMention]) expect(await statusOf(bob.client.v1.statuses.$select(status.id).fetch())).toBe(404);
  });

  it('kills the token and the password', async () => {
    expect(await statusOf(alice.client.v1.accounts.verifyCredentials())).toBe(401);
    const signIn = browser();
    const form = await signIn.get('/auth/sign_in');
    expect((await signIn.submit(formsOf(form.html)[0]!, { login: 'alice', password: 'alice password 1' })).status).toBe(401);
  });

  it('leaves nothing of it in timelines, lists, notifications, search or media', async () => {
    const ids = (statuses: { id: string; account: { id: string } }[]) => statuses.filter((s) => s.account.id === alice.id);
    expect(ids(await bob.client.v1.timelines.home.list({ limit: 40 }))).toEqual([]);
    expect(ids(await json('/api/v1/timelines/public?limit=40'))).toEqual([]);
    expect(await json('/api/v1/timelines/tag/farewell')).toEqual([]);
    const tag = await json<{ history: { uses: string }[] }>('/api/v1/tags/farewell');
    expect(tag.history[0]!.uses).toBe('0');
    expect((await bob.client.v1.notifications.list()).filter((n) => n.account.id === alice.id)).toEqual([]);
    expect(await bob.client.v1.lists.$select(bobList.id).accounts.list()).toEqual([]);
    expect(await bob.client.v1.accounts.search.list({ q: 'alice' })).toEqual([]);
    const found = await bob.client.v2.search.list({ q: 'curiouser' });
    expect([...found.accounts, ...found.statuses]).toEqual([]);
    expect((await bob.client.v2.search.list({ q: 'alice', type: 'accounts' })).accounts).toEqual([]);
    expect((await fetch(avatarUrl)).status).toBe(404);
  });

  it('puts the counts of the others right', async () => {
    expect(await bob.client.v1.accounts.verifyCredentials()).toMatchObject({ followersCount: 0, followingCount: 0 });
    expect(await carol.client.v1.accounts.verifyCredentials()).toMatchObject({ followingCount: 0 });
    expect(await bob.client.v1.statuses.$select(bobPost.id).fetch()).toMatchObject({ favouritesCount: 0, reblogsCount: 0 });
    expect(await bob.client.v1.statuses.$select(bobPost.id).rebloggedBy.list()).toEqual([]);
    expect(await bob.client.v1.statuses.$select(bobPost.id).favouritedBy.list()).toEqual([]);
    expect(await bob.client.v1.accounts.$select(bob.id).followers.list()).toEqual([]);
  });

  it('keeps the username reserved: signing up with it again is 422 taken', async () => {
    const signUp = signUpUsers(strata.url, ['Alice']);
    await expect(signUp).rejects.toMatchObject({ statusCode: 422 });
    await expect(signUp).rejects.toThrow(/Username has already been taken/);
  });
});
