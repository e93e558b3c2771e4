import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@strata/testkit';
import { CHROMIUM, hasChromium } from './support/chromium.ts';
import { type TestUser, signUpUsers } from './support/users.ts';
import { type WebAppSession, useWebAppSuite } from './support/web-app.ts';

/**
 * The web app's further screens in Chromium, each through the public Mastodon API: media
 * with a description and focal point and a mention picked from autocomplete, grouped and
 * unread notifications, lists with a live list timeline, bookmarks and favourites, hotkeys,
 * a filter that puts a post behind a warning, preferences (dark theme, follower approval)
 * and a follow request authorized live, mute and a private note on a phone-sized screen.
 * Every step is screenshot; no console errors, no failed requests, no serious or critical
 * axe-core violations. The moderation screens are in web-moderation.e2e.test.ts.
 */
if (!hasChromium) console.warn(`\n*** SKIPPED: web screens browser suite: ${CHROMIUM} is not installed (apt-get install -y chromium).\n`);

describe.skipIf(!hasChromium)('the web app screens in Chromium', () => {
  let carol: TestUser, bob: TestUser, dave: TestUser;
  const suite = useWebAppSuite('web-screens', 'carol', async ({ strata }) => {
    ({ carol, bob, dave } = (await signUpUsers(strata.url, ['carol', 'bob', 'dave'])) as Record<'carol' | 'bob' | 'dave', TestUser>);
    await bob.client.v1.accounts.updateCredentials({ displayName: 'Bob Builder' });
    await carol.client.v1.accounts.$select(bob.id).follow();
  });
  let web: WebAppSession;
  let page: Page;
  beforeAll(() => {
    ({ web } = suite);
    page = web.page;
  });

  it('uploads media with a description and focal point, and posts it with a mention from autocomplete', async () => {
    const png = await sharp({ create: { width: 80, height: 60, channels: 3, background: '#d33' } }).png().toBuffer();
    await page.setInputFiles('#compose-media', { name: 'red.png', mimeType: 'image/png', buffer: png });
    await page.fill('#media-description-0', 'A red square');
    const picker = page.locator('.focus-picker');
    const box = (await picker.boundingBox())!;
    await picker.click({ position: { x: box.width * 0.75, y: box.height * 0.25 } });
    await page.locator('#compose-text').pressSequentially('Look @bo');
    await page.getByRole('option', { name: /@bob/ }).waitFor();
    await web.accessible('compose with media and suggestions');
    await web.shot('compose-media-autocomplete');
    await page.keyboard.press('Enter');
    await page.locator('#compose-text').pressSequentially('a red picture');
    expect(await page.inputValue('#compose-text')).toBe('Look @bob a red picture');
    await page.getByLabel('Language', { exact: true }).selectOption('en');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await web.article('a red picture').locator('img[alt="A red square"]').waitFor();
    const [posted] = await carol.client.v1.accounts.$select(carol.id).statuses.list();
    const focus = { x: expect.closeTo(0.5, 1), y: expect.closeTo(0.5, 1) };
    expect(posted).toMatchObject({ language: 'en', mentions: [{ acct: 'bob' }], mediaAttachments: [{ description: 'A red square', meta: { focus } }] });
    await web.shot('posted-media');
  });

  it('groups notifications: two favourites of one post are one line, live', async () => {
    await web.open('Notifications', 'Notifications');
    await page.getByText('mentioned you').or(page.getByText('No notifications yet.')).first().waitFor();
    const [mine] = await carol.client.v1.accounts.$select(carol.id).statuses.list();
    await bob.client.v1.statuses.$select(mine!.id).favourite();
    await dave.client.v1.statuses.$select(mine!.id).favourite();
    await page.getByText(/^(Bob Builder and dave|dave and Bob Builder) favourited your post$/).waitFor();
    await web.accessible('grouped notifications');
    await web.shot('grouped-notifications');
    // elsewhere in the app, a new notification shows as unread in the navigation, live
    await web.open('Home', 'Home');
    await dave.client.v1.statuses.create({ status: '@carol are you there?' });
    await page.getByRole('link', { name: 'Notifications 1 unread' }).waitFor();
    await web.open('Notifications', 'Notifications');
    await page.getByText('dave mentioned you').waitFor();
    await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
  });

  it('creates a list, adds a member, and the list timeline fills live', async () => {
    await web.open('Lists', 'Lists');
    await page.fill('#list-title', 'Build crew');
    await page.getByRole('button', { name: 'Create list' }).click();
    await web.accessible('lists');
    await page.getByRole('link', { name: 'Build crew' }).click();
    await page.getByRole('heading', { level: 1, name: 'Build crew' }).waitFor();
    await page.getByText('List settings').click();
    await page.fill('#list-rename', 'Builders');
    await page.getByRole('button', { name: 'Save list' }).click();
    await page.getByRole('heading', { level: 1, name: 'Builders' }).waitFor();
    await page.fill('#member-q', 'bob');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('button', { name: 'Add @bob' }).click();
    await page.getByRole('button', { name: 'Remove @bob' }).waitFor();
    const [list] = await carol.client.v1.lists.list();
    expect((await carol.client.v1.lists.$select(list!.id).accounts.list()).map((a) => a.id)).toEqual([bob.id]);
    await web.accessible('list');
    await bob.client.v1.statuses.create({ status: 'Bob for the list' });
    await web.article('Bob for the list').waitFor();
    await web.shot('list');
  });

  it('bookmarks and favourites a post and finds it in each list', async () => {
    await web.article('Bob for the list').getByRole('button', { name: /Bookmark/ }).click();
    await web.article('Bob for the list').getByRole('button', { name: /Bookmarked/ }).waitFor();
    await web.open('Bookmarks', 'Bookmarks');
    await web.article('Bob for the list').waitFor();
    await web.accessible('bookmarks');
    await web.shot('bookmarks');
    await web.article('Bob for the list').getByRole('button', { name: /Favourite/ }).click();
    await web.article('Bob for the list').getByRole('button', { name: /Favourited/ }).waitFor();
    await web.open('Favourites', 'Favourites');
    await web.article('Bob for the list').waitFor();
    // the hotkeys: j moves to the next post, n to the compose box
    await page.keyboard.press('j');
    expect(await page.locator('article.status:focus').textContent()).toContain('Bob for the list');
    await page.keyboard.press('n');
    await page.locator('#compose-text:focus').waitFor();
    await page.keyboard.press('Escape');
    await web.accessible('favourites');
  });

  it('creates a filter and a matching post waits behind a warning', async () => {
    await web.open('Filters', 'Filters');
    await page.getByRole('button', { name: 'New filter' }).click();
    await page.fill('#filter-title', 'Spoilers');
    await page.fill('#keyword-0', 'spoiler');
    await web.accessible('filter form');
    await web.shot('filter-form');
    await page.getByRole('button', { name: 'Save filter' }).click();
    await page.getByRole('listitem', { name: 'Spoilers' }).waitFor();
    const spoiler = await bob.client.v1.statuses.create({ status: 'The big spoiler: it was the butler' });
    await eventually(async () => (await carol.client.v1.timelines.home.list()).some((s) => s.id === spoiler.id));
    await web.open('Home', 'Home');
    await page.getByRole('note').filter({ hasText: 'Filtered: Spoilers' }).waitFor();
    expect(await page.textContent('main')).not.toContain('it was the butler');
    await web.accessible('home with a filtered post');
    await web.shot('filtered');
    await page.getByRole('note').filter({ hasText: 'Filtered: Spoilers' }).getByRole('button', { name: 'Show anyway' }).click();
    await web.article('it was the butler').waitFor();
  });

  it('chooses the dark theme and follower approval, then authorizes a follow request', async () => {
    await web.open('Preferences', 'Preferences');
    await page.getByLabel('Dark').check();
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await page.getByLabel('Approve new followers by hand').check();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByText('Preferences saved.').waitFor();
    expect((await carol.client.v1.accounts.verifyCredentials()).locked).toBe(true);
    await web.accessible('preferences in the dark theme');
    await web.shot('preferences-dark');
    await web.open('Follow requests', 'Follow requests');
    await page.getByText('No pending requests.').waitFor();
    expect((await dave.client.v1.accounts.$select(carol.id).follow()).requested).toBe(true);
    // the request arrives live, through the notification stream
    await page.getByRole('listitem', { name: '@dave' }).getByRole('button', { name: 'Authorize' }).click();
    await page.getByText('No pending requests.').waitFor();
    expect((await dave.client.v1.accounts.relationships.fetch({ id: [carol.id] }))[0]).toMatchObject({ following: true, requested: false });
    await web.accessible('follow requests');
    await web.shot('follow-request-authorized');
  });

  it('keeps a private note on a profile, on a phone-sized screen', async () => {
    await page.setViewportSize({ width: 420, height: 900 });
    await page.goto(`${suite.strata.url}/web/@bob`);
    await page.getByRole('heading', { level: 1, name: 'Bob Builder' }).waitFor();
    await page.getByText('More actions for @bob').click();
    expect(await page.getByLabel('Builders').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Mute', exact: true }).click();
    await page.getByRole('button', { name: 'Unmute' }).waitFor();
    expect((await carol.client.v1.accounts.relationships.fetch({ id: [bob.id] }))[0]?.muting).toBe(true);
    await page.getByRole('button', { name: 'Unmute' }).click();
    await page.getByRole('button', { name: 'Mute', exact: true }).waitFor();
    await page.fill('#private-note', 'Met at the builders fair');
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.getByText('Note saved.').waitFor();
    expect((await carol.client.v1.accounts.relationships.fetch({ id: [bob.id] }))[0]?.note).toBe('Met at the builders fair');
    await web.accessible('profile actions');
    await web.shot('profile-note-phone');
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  it('deletes a list', async () => {
    await web.open('Lists', 'Lists');
    await page.getByRole('link', { name: 'Builders' }).click();
    await page.getByText('List settings').click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete list' }).click();
    await page.getByText('No lists yet.').waitFor();
    expect(await carol.client.v1.lists.list()).toEqual([]);
  });

  it('had no console errors and no failed requests', () => {
    expect(web.problems).toEqual([]);
  });
});
