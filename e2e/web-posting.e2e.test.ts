import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, runNode } from '@strata/testkit';
import { CHROMIUM, hasChromium } from './support/chromium.ts';
import { type TestUser, signUpUsers, statusOf } from './support/users.ts';
import { type WebAppSession, useWebAppSuite } from './support/web-app.ts';

/**
 * The web app's posting tools and discovery screens in Chromium, each through the public
 * Mastodon API: a poll composed, voted on and its results read again; a post scheduled,
 * moved and cancelled; one's own post edited, pinned and unpinned, deleted and redrafted;
 * direct messages arriving live and marked read; explore with reviewed trends and a hashtag
 * followed; an announcement reacted to and dismissed; a phone-sized screen. Every step is
 * screenshot; no console errors, no failed requests, no serious or critical axe-core violations.
 */
if (!hasChromium) console.warn(`\n*** SKIPPED: web posting browser suite: ${CHROMIUM} is not installed (apt-get install -y chromium).\n`);

describe.skipIf(!hasChromium)('the web app posting and discovery screens in Chromium', () => {
  let carol: TestUser, bob: TestUser, dave: TestUser, mod: TestUser;
  let party: { id: string };
  const suite = useWebAppSuite('web-posting', 'carol', async ({ strata, dataDir }) => {
    ({ carol, bob, dave, mod } = (await signUpUsers(strata.url, ['carol', 'bob', 'dave', 'mod'], 'read write follow push admin:read admin:write')) as Record<'carol' | 'bob' | 'dave' | 'mod', TestUser>);
    const cli = (...args: string[]) => runNode('packages/cli/src/main.ts', args, { STRATA_DATA: dataDir, STRATA_LOG_LEVEL: 'warn' });
    expect((await cli('accounts', 'role', 'mod', 'admin')).code).toBe(0);
    expect((await cli('announcements', 'create', 'Welcome to the web posting suite')).code).toBe(0);
    await carol.client.v1.accounts.$select(bob.id).follow();
    // something to trend: a post with a hashtag and a link, shared by two others
    party = await dave.client.v1.statuses.create({ status: 'Come to the #StrataParty https://party.example/tonight' });
    await bob.client.v1.statuses.create({ status: 'See you at the #strataparty' });
    for (const user of [bob, mod]) {
      await user.client.v1.statuses.$select(party.id).favourite();
      await user.client.v1.statuses.$select(party.id).reblog();
    }
  });
  let web: WebAppSession;
  let page: Page;
  beforeAll(() => {
    ({ web } = suite);
    page = web.page;
  });
  const adminTrends = async (path: string, method = 'GET') => {
    const response = await fetch(`${suite.strata.url}/api/v1/admin/trends/${path}`, { method, headers: { authorization: `Bearer ${mod.token}` } });
    return (await response.json()) as { id: string }[];
  };
  const mine = async () => (await carol.client.v1.accounts.$select(carol.id).statuses.list())[0]!;
  const menu = async (text: string, item: string) => {
    await web.article(text).getByText('More', { exact: true }).click();
    await web.article(text).getByRole('button', { name: item, exact: true }).click();
  };

  it('shows the announcement on home, takes a reaction and a dismissal', async () => {
    const announcement = page.getByRole('region', { name: 'Announcements' });
    await announcement.getByText('Welcome to the web posting suite').waitFor();
    await announcement.getByText('Add reaction').click();
    await announcement.getByRole('button', { name: 'React with 🎉' }).click();
    await announcement.getByRole('button', { name: '🎉 1' }).waitFor();
    expect((await carol.client.v1.announcements.list())[0]!.reactions).toEqual([expect.objectContaining({ name: '🎉', count: 1, me: true })]);
    await web.accessible('announcements');
    await web.shot('announcement');
    // a second press takes the reaction back
    await announcement.getByRole('button', { name: '🎉 1' }).click();
    await eventually(async () => (await carol.client.v1.announcements.list())[0]!.reactions.length === 0);
    await announcement.getByRole('button', { name: 'Dismiss' }).click();
    await announcement.waitFor({ state: 'detached' });
    // a dismissed announcement is listed no more (unless with_dismissed asks for it)
    expect(await carol.client.v1.announcements.list()).toEqual([]);
    const withDismissed = await fetch(`${suite.strata.url}/api/v1/announcements?with_dismissed=true`, { headers: { authorization: `Bearer ${carol.token}` } });
    expect(((await withDismissed.json()) as unknown[])[0]).toMatchObject({ read: true });
  });

  it('composes a poll and reads its results again after a vote', async () => {
    await page.getByRole('button', { name: 'Poll', exact: true }).click();
    await page.fill('#compose-text', 'Tea or coffee?');
    await page.fill('#poll-option-0', 'Tea');
    await page.fill('#poll-option-1', 'Coffee');
    await page.getByRole('button', { name: 'Add option' }).click();
    await page.fill('#poll-option-2', 'Water');
    await page.getByLabel('Poll duration').selectOption({ label: '1 hour' });
    await web.accessible('compose with a poll');
    await web.shot('compose-poll');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await web.article('Tea or coffee?').getByText('Water').waitFor();
    const posted = await mine();
    expect(posted.poll).toMatchObject({ multiple: false, options: [{ title: 'Tea' }, { title: 'Coffee' }, { title: 'Water' }] });
    expect(new Date(posted.poll!.expiresAt!).getTime() - new Date(posted.createdAt).getTime()).toBeCloseTo(3_600_000, -4);
    await bob.client.v1.polls.$select(posted.poll!.id).votes.create({ choices: [1] });
    await web.article('Tea or coffee?').getByRole('button', { name: 'Refresh' }).click();
    await web.article('Tea or coffee?').getByText('100% Coffee').waitFor();
    await web.shot('poll-results');
  });

  it("votes in someone else's poll", async () => {
    const poll = await bob.client.v1.statuses.create({ status: 'Best day for the build?', poll: { options: ['Monday', 'Friday'], expiresIn: 3600, multiple: true } });
    const card = web.article('Best day for the build?');
    await card.getByLabel('Friday').check();
    await card.getByLabel('Monday').check();
    await web.accessible('a poll to vote in');
    await card.getByRole('button', { name: 'Vote' }).click();
    await card.getByText('100% Friday').waitFor();
    expect((await carol.client.v1.polls.$select(poll.poll!.id).fetch()).ownVotes?.sort()).toEqual([0, 1]);
    await web.shot('poll-voted');
  });

  it('schedules a post, moves it and cancels it', async () => {
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await page.fill('#compose-text', 'Posted from the future');
    const inTwoHours = await page.evaluate(() => {
      const at = new Date(Date.now() + 2 * 3_600_000);
      return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    });
    await page.fill('#compose-schedule', inTwoHours);
    await web.accessible('compose with a time to post');
    await page.getByRole('button', { name: 'Schedule post' }).click();
    await page.getByRole('status').filter({ hasText: 'Scheduled for' }).waitFor();
    const [scheduled] = await carol.client.v1.scheduledStatuses.list();
    expect(scheduled).toMatchObject({ params: { text: 'Posted from the future' } });
    const at = new Date(scheduled!.scheduledAt).getTime();
    expect(Math.abs(at - (Date.now() + 2 * 3_600_000))).toBeLessThan(5 * 60_000);
    // it is not posted yet
    expect((await mine()).content).not.toContain('Posted from the future');
    await page.getByRole('link', { name: 'Scheduled posts' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Scheduled posts' }).waitFor();
    const item = page.getByRole('listitem').filter({ hasText: 'Posted from the future' });
    await item.waitFor();
    await web.accessible('scheduled posts');
    await web.shot('scheduled');
    const later = await page.evaluate((value) => {
      const at = new Date(new Date(value).getTime() + 24 * 3_600_000);
      return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    }, inTwoHours);
    await item.getByLabel('New time for this post').fill(later);
    await item.getByRole('button', { name: 'Move' }).click();
    await eventually(async () => new Date((await carol.client.v1.scheduledStatuses.list())[0]!.scheduledAt).getTime() - at === 24 * 3_600_000);
    await item.getByRole('button', { name: 'Cancel post' }).click();
    await page.getByText('No scheduled posts.').waitFor();
    expect(await carol.client.v1.scheduledStatuses.list()).toEqual([]);
  });

  it('edits, pins and unpins its own post', async () => {
    await web.open('Home', 'Home');
    await page.fill('#compose-text', 'A post with a typo in it');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await menu('A post with a typo in it', 'Edit');
    await page.getByLabel('Text', { exact: true }).fill('A post without a typo');
    await web.accessible('editing a post');
    await web.shot('edit');
    await page.getByRole('button', { name: 'Save edit' }).click();
    await web.article('A post without a typo').getByText(/^Edited /).click();
    // the history lists both versions, the newest first
    await web.article('A post without a typo').getByText('A post with a typo in it').waitFor();
    await web.article('A post without a typo').getByText(/^Posted /).waitFor();
    const edited = await mine();
    expect(edited.content).toContain('A post without a typo');
    expect(edited.editedAt).not.toBeNull();
    await menu('A post without a typo', 'Pin on profile');
    await web.article('A post without a typo').getByText('pinned').waitFor();
    expect((await carol.client.v1.accounts.$select(carol.id).statuses.list({ pinned: true })).map((s) => s.id)).toEqual([edited.id]);
    await menu('A post without a typo', 'Unpin from profile');
    await eventually(async () => (await carol.client.v1.accounts.$select(carol.id).statuses.list({ pinned: true })).length === 0);
    await web.shot('unpinned');
  });

  it('deletes and redrafts a post, then deletes one for good', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await menu('A post without a typo', 'Delete & redraft');
    await expect.poll(() => page.inputValue('#compose-text')).toBe('A post without a typo');
    await page.locator('#compose-text').pressSequentially(', again');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await web.article('A post without a typo, again').waitFor();
    expect((await mine()).content).toContain('A post without a typo, again');
    page.once('dialog', (dialog) => void dialog.accept());
    const gone = await mine();
    await menu('A post without a typo, again', 'Delete');
    await web.article('A post without a typo, again').waitFor({ state: 'detached' });
    expect(await statusOf(carol.client.v1.statuses.$select(gone.id).fetch())).toBe(404);
  });

  it('lists direct messages live and marks them read', async () => {
    await web.open('Direct messages', 'Direct messages');
    await page.getByText('No direct messages yet.', { exact: false }).waitFor();
    await bob.client.v1.statuses.create({ status: '@carol just between us', visibility: 'direct' });
    const conversation = page.getByRole('listitem', { name: 'Conversation with bob, unread' });
    await conversation.getByText('just between us').waitFor();
    await web.accessible('direct messages');
    await web.shot('conversations');
    await conversation.getByRole('button', { name: 'Mark as read' }).click();
    await page.getByRole('listitem', { name: /^Conversation with bob$/i }).waitFor();
    expect((await carol.client.v1.conversations.list())[0]).toMatchObject({ unread: false });
  });

  it('explores reviewed trends and follows a hashtag', async () => {
    await eventually(async () => (await adminTrends('tags')).length > 0 && (await adminTrends('statuses')).length > 0 && (await adminTrends('links')).length > 0);
    await adminTrends('tags/strataparty/approve', 'POST');
    await adminTrends(`statuses/${party.id}/approve`, 'POST');
    await adminTrends(`links/${(await adminTrends('links'))[0]!.id}/approve`, 'POST');
    // the public page shows the same reviewed trends to anyone
    await page.goto(`${suite.strata.url}/explore`);
    await page.getByRole('region', { name: 'Trending hashtags' }).getByRole('link', { name: '#strataparty' }).waitFor();
    await page.getByRole('region', { name: 'Trending links' }).getByRole('link', { name: 'https://party.example/tonight' }).waitFor();
    await page.locator('article', { hasText: 'Come to the' }).waitFor();
    await web.accessible('public explore page');
    await web.shot('public-explore');
    await page.goto(`${suite.strata.url}/web/home`);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await web.open('Explore', 'Explore');
    await web.article('Come to the').waitFor();
    await web.accessible('explore posts');
    await web.shot('explore-posts');
    await page.getByRole('link', { name: 'News' }).click();
    await page.getByRole('link', { name: 'Posts about this link' }).click();
    await page.getByRole('heading', { level: 1, name: 'Posts about this link' }).waitFor();
    await web.article('Come to the').waitFor();
    await page.goBack();
    await page.getByRole('link', { name: 'Hashtags' }).click();
    await page.getByRole('link', { name: '#strataparty' }).click();
    await page.getByRole('heading', { level: 1, name: '#strataparty' }).waitFor();
    await web.article('See you at the').waitFor();
    await page.getByRole('button', { name: 'Follow #strataparty' }).click();
    await page.getByRole('button', { name: 'Unfollow #strataparty' }).waitFor();
    expect((await carol.client.v1.followedTags.list()).map((t) => t.name)).toEqual(['strataparty']);
    await web.accessible('hashtag timeline');
    await web.shot('hashtag');
    // live: a new post with the tag arrives on its timeline
    await dave.client.v1.statuses.create({ status: 'Still going at the #strataparty' });
    await web.article('Still going at the').waitFor();
  });

  it('edits images, fields and settings of the profile, and the profile shows them with a pinned post', async () => {
    const pin = await carol.client.v1.statuses.create({ status: 'Read this first' });
    await carol.client.v1.statuses.$select(pin.id).pin();
    await web.open('Edit profile', 'Edit profile');
    const image = (width: number, height: number, background: string) => sharp({ create: { width, height, channels: 3, background } }).png().toBuffer();
    await page.setInputFiles('#avatar-file', { name: 'avatar.png', mimeType: 'image/png', buffer: await image(120, 120, '#2a7') });
    await page.setInputFiles('#header-file', { name: 'header.png', mimeType: 'image/png', buffer: await image(600, 200, '#36c') });
    await page.getByLabel('Field 1 label').fill('Pronouns');
    await page.getByLabel('Field 1 content').fill('she/her');
    await page.getByLabel('This is an automated account (bot)').check();
    await web.accessible('edit profile with images and fields');
    await web.shot('edit-profile');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Profile saved.').waitFor();
    const saved = await carol.client.v1.accounts.verifyCredentials();
    expect(saved).toMatchObject({ bot: true, fields: [expect.objectContaining({ name: 'Pronouns', value: 'she/her' })] });
    expect(saved.avatar).not.toContain('missing');
    expect(saved.header).not.toContain('missing');
    await page.getByRole('link', { name: 'My profile' }).click();
    await page.getByRole('heading', { level: 2, name: 'Pinned' }).waitFor();
    await page.locator('dl.fields').getByText('she/her').waitFor();
    await page.locator(`img.profile-header[src="${saved.header}"]`).waitFor();
    await web.article('Read this first').getByText('pinned').waitFor();
    await web.accessible('own profile');
    await web.shot('own-profile');
    // the media tab lists only posts with attachments: carol has none
    await page.getByRole('button', { name: 'Media', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Posts with media' }).waitFor();
    await page.getByText('Nothing here yet.').waitFor();
    expect(await page.locator('main article.status').count()).toBe(0);
  });

  it('works a post from the keyboard: select, favourite, open', async () => {
    await web.open('Local', 'Local');
    await web.article('Still going at the').waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    const selected = page.locator('article.status:focus');
    const id = (await selected.locator('a[data-hotkey="o"]').getAttribute('href'))!.split('/').pop()!;
    await page.keyboard.press('f');
    await selected.getByRole('button', { name: /Favourited/ }).waitFor();
    expect((await carol.client.v1.statuses.$select(id).fetch()).favourited).toBe(true);
    await page.keyboard.press('o');
    await page.getByRole('heading', { level: 1, name: 'Thread' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/web/statuses/${id}`);
  });

  it('composes a poll and reads explore on a phone-sized screen', async () => {
    await page.setViewportSize({ width: 400, height: 860 });
    await web.open('Explore', 'Explore');
    await web.article('Come to the').waitFor();
    await page.getByRole('button', { name: 'Poll', exact: true }).click();
    await web.accessible('phone layout');
    await web.shot('phone-poll-explore');
    await page.getByRole('button', { name: 'Poll', exact: true }).click();
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  it('had no console errors and no failed requests', () => {
    expect(web.problems).toEqual([]);
  });
});
