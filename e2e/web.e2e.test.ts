import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { CHROMIUM, axeViolations, hasChromium, launchChromium, screenshotFolder, watchProblems } from './support/chromium.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * The web interface in a real browser (Debian's Chromium through playwright-core): public
 * pages signed out, then a new user signing up and in through Strata's OAuth with PKCE and
 * using the app — posting, a followed account's post arriving live, favourite, boost,
 * reply, notifications, search, profile editing. Every step is screenshot; no console
 * errors, no failed requests, no serious or critical axe-core violations.
 */
if (!hasChromium) console.warn(`\n*** SKIPPED: web browser suite: ${CHROMIUM} is not installed (apt-get install -y chromium).\n`);

describe.skipIf(!hasChromium)('the web interface in Chromium', () => {
  const temp = makeTempDir('strata-e2e-web-');
  const shots = screenshotFolder('web');
  let strata: StrataProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let bob: TestUser;
  const posts: Record<string, string> = {};
  let step = 0;
  const shot = (name: string) => page.screenshot({ path: join(shots, `${String(++step).padStart(2, '0')}-${name}.png`), fullPage: true });
  const accessible = async (what: string) => expect((await axeViolations(page)).join('\n'), what).toBe('');
  const go = (path: string) => page.goto(`${strata.url}${path}`);

  beforeAll(async () => {
    [strata, browser] = await Promise.all([startStrataProcess({ dataDir: temp.path }), launchChromium()]);
    ({ bob } = (await signUpUsers(strata.url, ['bob'])) as { bob: TestUser });
    await bob.client.v1.accounts.updateCredentials({ displayName: 'Bob Builder', note: 'I build things.' });
    posts['public'] = (await bob.client.v1.statuses.create({ status: 'Bob says hello to the #fediverse' })).id;
    posts['private'] = (await bob.client.v1.statuses.create({ status: 'Bob private words', visibility: 'private' })).id;
    context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    // the one 404 asked for on purpose (a private post's URL) is logged by Chromium as a failed resource
    problems = watchProblems(page, (text) => text.includes(`/${posts['private']}`));
  }, 60_000);
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await page.screenshot({ path: join(shots, `failed-${task.name.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
  });
  afterAll(async () => {
    console.info(`web e2e screenshots: ${shots}`);
    await browser?.close();
    await strata?.kill();
    temp.remove();
  });

  it('shows a profile and a post signed out, and no private post', async () => {
    await go('/@bob');
    await expect(page.getByRole('heading', { level: 1, name: 'Bob Builder' }).isVisible()).resolves.toBe(true);
    expect(await page.textContent('main')).toContain('Bob says hello');
    expect(await page.textContent('main')).not.toContain('private words');
    await shot('profile-signed-out');
    await accessible('profile');
    await go(`/@bob/${posts['public']}`);
    expect(await page.textContent('main')).toContain('Bob says hello');
    await accessible('status page');
    await shot('status-signed-out');
    const hidden = await go(`/@bob/${posts['private']}`);
    expect(hidden?.status()).toBe(404);
    expect(await page.content()).not.toContain('private words');
    for (const path of ['/tags/fediverse', '/about', '/']) {
      await go(path);
      await accessible(path);
    }
    await shot('landing');
  });

  it('signs up through the web app and comes back signed in', async () => {
    await page.getByRole('link', { name: 'Create account' }).click();
    await page.waitForURL(/\/auth\/sign_up/);
    await page.fill('#username', 'carol');
    await page.fill('#email', 'carol@example.com');
    await page.fill('#password', 'carol password 1');
    await page.fill('#password_confirmation', 'carol password 1');
    await page.check('input[name=agreement]');
    await shot('sign-up');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(/\/web\/home$/);
    await page.getByRole('heading', { name: 'Home' }).waitFor();
  });

  it('signs in again in a fresh browser through the OAuth sign-in form', async () => {
    await context.close();
    // a phone in dark mode: the app's other theme and narrow layout, checked by axe below
    context = await browser.newContext({ viewport: { width: 420, height: 900 }, colorScheme: 'dark' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    problems.push(...watchProblems(page));
    await go('/web/');
    await accessible('sign-in screen');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#login').waitFor();
    await page.fill('#login', 'carol');
    await page.fill('#password', 'carol password 1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(/\/web\/home$/);
    await page.getByRole('heading', { name: 'Home' }).waitFor();
    await shot('home-phone-width');
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  it('posts with a hashtag and a mention', async () => {
    await page.fill('#compose-text', 'Hello @bob, trying #StrataWeb');
    const left = `${500 - 'Hello @bob, trying #StrataWeb'.length} characters left`;
    // the counter follows on the next render
    await eventually(async () => (await page.textContent('.counter')) === left, 10_000);
    expect(await page.textContent('.counter')).toBe(left);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    const mine = page.locator('article', { hasText: 'trying #StrataWeb' });
    await mine.waitFor();
    expect(await mine.locator('a', { hasText: '#StrataWeb' }).count()).toBe(1);
    expect(await mine.locator('a', { hasText: '@bob' }).count()).toBe(1);
    await accessible('home with compose');
    await shot('posted');
  });

  it('follows bob and sees his new post arrive live', async () => {
    await page.getByRole('link', { name: 'Search' }).click();
    await page.fill('#search-q', 'bob');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('link', { name: 'Bob Builder' }).first().click();
    await page.getByRole('button', { name: 'Follow' }).click();
    await page.getByRole('button', { name: 'Unfollow' }).waitFor();
    await accessible('profile in the app');
    await shot('followed-bob');
    await page.getByRole('link', { name: 'Home' }).click();
    await page.getByRole('heading', { name: 'Home' }).waitFor();
    await page.waitForTimeout(300); // the stream subscribes as the screen opens
    posts['live'] = (await bob.client.v1.statuses.create({ status: 'Live from Bob, just now' })).id;
    await page.locator('article', { hasText: 'Live from Bob, just now' }).waitFor();
    await shot('live-post');
  });

  it('favourites, boosts and replies to it', async () => {
    const live = page.locator('article', { hasText: 'Live from Bob, just now' }).first();
    await live.getByRole('button', { name: /Favourite/ }).click();
    await live.getByRole('button', { name: /Favourited/ }).waitFor();
    await live.getByRole('button', { name: /Boost/ }).click();
    await live.getByRole('button', { name: /Boosted/ }).waitFor();
    await live.getByRole('button', { name: /Reply/ }).click();
    // the compose box fills on the next render: wait for it rather than read it at once
    await eventually(async () => (await page.inputValue('#compose-text')) === '@bob ', 10_000);
    expect(await page.inputValue('#compose-text')).toBe('@bob ');
    await page.fill('#compose-text', '@bob a reply from the web app');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.locator('article', { hasText: 'a reply from the web app' }).first().waitFor();
    const reactions = await bob.client.v1.statuses.$select(posts['live']!).fetch();
    expect(reactions).toMatchObject({ favouritesCount: 1, reblogsCount: 1, repliesCount: 1 });
    await shot('reacted');
  });

  it('opens notifications', async () => {
    const [mine] = await bob.client.v2.search.list({ q: 'trying', type: 'statuses' }).then((r) => r.statuses);
    if (mine) await bob.client.v1.statuses.$select(mine.id).favourite();
    await page.getByRole('link', { name: 'Notifications' }).click();
    await page.getByText('favourited your post').first().waitFor();
    await accessible('notifications');
    await shot('notifications');
  });

  it('edits the profile, and the public page shows it', async () => {
    await page.getByRole('link', { name: 'Edit profile' }).click();
    await page.fill('#display-name', 'Carol Web');
    await page.fill('#note', 'Edited in the browser.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Profile saved.').waitFor();
    await accessible('edit profile');
    await shot('profile-edited');
    await go('/@carol');
    await page.getByRole('heading', { level: 1, name: 'Carol Web' }).waitFor();
    expect(await page.textContent('main')).toContain('Edited in the browser.');
    await shot('public-profile-edited');
  });

  it('had no console errors and no failed requests', () => {
    expect(problems).toEqual([]);
  });
});
