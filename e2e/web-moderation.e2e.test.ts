import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, runNode } from '@strata/testkit';
import { CHROMIUM, hasChromium } from './support/chromium.ts';
import { type TestUser, signUpUsers } from './support/users.ts';
import { type WebAppSession, useWebAppSuite } from './support/web-app.ts';

/**
 * The moderators' screens of the web app in Chromium, through Mastodon's admin API: the
 * moderator grants the admin scopes once (the everyday token is revoked), sees a new report
 * arrive live, limits the reported account from the report (which resolves it), and lifts
 * the limit from the accounts screen, which offers no buttons the server would refuse.
 */
if (!hasChromium) console.warn(`\n*** SKIPPED: web moderation browser suite: ${CHROMIUM} is not installed (apt-get install -y chromium).\n`);

describe.skipIf(!hasChromium)('the web app moderation screens in Chromium', () => {
  let carol: TestUser, bob: TestUser, dave: TestUser;
  const suite = useWebAppSuite('web-moderation', 'carol', async ({ strata, dataDir }) => {
    ({ carol, bob, dave } = (await signUpUsers(strata.url, ['carol', 'bob', 'dave'])) as Record<'carol' | 'bob' | 'dave', TestUser>);
    const role = await runNode('packages/cli/src/main.ts', ['accounts', 'role', 'carol', 'moderator'], { STRATA_DATA: dataDir, STRATA_LOG_LEVEL: 'warn' });
    expect(role.code).toBe(0);
    await eventually(async () => (await carol.client.v1.accounts.verifyCredentials()).role?.name === 'Moderator');
  });
  let web: WebAppSession;
  let page: Page;
  beforeAll(() => {
    ({ web } = suite);
    page = web.page;
  });

  it('lets a moderator grant the admin scopes and resolve a report', async () => {
    await web.open('Reports', 'Reports');
    const everyday = await page.evaluate<string>("localStorage.getItem('strata-token')");
    await page.getByRole('button', { name: 'Allow moderation tools' }).click();
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(/\/web\/moderation\/reports$/);
    await page.getByText('No open reports.').waitFor();
    // the token without the admin scopes was revoked when the new one came
    const old = await fetch(`${suite.strata.url}/api/v1/accounts/verify_credentials`, { headers: { authorization: `Bearer ${everyday}` } });
    expect(old.status).toBe(401);
    const spam = await dave.client.v1.statuses.create({ status: 'Buy cheap watches' });
    const report = await bob.client.v1.reports.create({ accountId: dave.id, statusIds: [spam.id], comment: 'spam', category: 'spam', forward: false });
    // the report arrives live, through the moderator's notification stream
    await page.getByRole('link', { name: /@dave/ }).click();
    await page.getByRole('heading', { level: 1, name: `Report #${report.id}` }).waitFor();
    await web.article('Buy cheap watches').waitFor();
    await web.accessible('report');
    // limiting the account from the report answers the report too
    await page.getByRole('group', { name: 'Moderate @dave' }).getByRole('button', { name: 'Limit' }).click();
    await page.getByRole('status').filter({ hasText: 'Resolved' }).waitFor();
    await web.shot('report-resolved');
    await page.getByRole('link', { name: 'All reports' }).click();
    await page.getByText('No open reports.').waitFor();
    await page.getByRole('button', { name: 'Resolved' }).click();
    await page.getByRole('link', { name: /@dave/ }).waitFor();
    await web.open('Accounts', 'Accounts');
    await page.getByLabel('Status').selectOption('silenced');
    const daveRow = page.getByRole('listitem', { name: '@dave' });
    await daveRow.getByText('limited').waitFor();
    await web.accessible('accounts');
    await web.shot('accounts-limited');
    await daveRow.getByRole('button', { name: 'Undo limit' }).click();
    await daveRow.getByRole('button', { name: 'Limit', exact: true }).waitFor();
    // no buttons the server would refuse: a moderator does not moderate their own account
    await page.getByLabel('Status').selectOption('active');
    await page.getByRole('listitem', { name: '@carol' }).waitFor();
    expect(await page.getByRole('group', { name: 'Moderate @carol' }).count()).toBe(0);
  });

  it('had no console errors and no failed requests', () => {
    expect(web.problems).toEqual([]);
  });
});
