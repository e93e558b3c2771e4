import sharp from 'sharp';
import type { mastodon } from 'masto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { FormBrowser, formsOf } from './support/browser.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * An operator suspends an account with `strata accounts suspend` while the server runs:
 * the account disappears from every list, search, count and tag history, its avatar is
 * no longer served and its browser session ends. Unsuspending brings all of it back.
 */
const temp = makeTempDir('strata-e2e-suspension-');
let strata: StrataProcess;
let erin: TestUser, frank: TestUser, gina: TestUser;
let franksPost: mastodon.v1.Status;
let avatarUrl: string;
let erinBrowser: FormBrowser;
const cli = (...args: string[]) => runNode('packages/cli/src/main.ts', ['accounts', ...args], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });
const ids = (accounts: { id: string }[]) => accounts.map((a) => a.id);
const tagUses = async () => ((await (await fetch(`${strata.url}/api/v1/tags/hushed`)).json()) as { history: { uses: string }[] }).history[0]!.uses;

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  ({ erin, frank, gina } = (await signUpUsers(strata.url, ['erin', 'frank', 'gina'])) as Record<'erin' | 'frank' | 'gina', TestUser>);
  const avatar = await sharp({ create: { width: 100, height: 100, channels: 3, background: { r: 10, g: 200, b: 10 } } }).png().toBuffer();
  avatarUrl = (await erin.client.v1.accounts.updateCredentials({ avatar: new Blob([avatar], { type: 'image/png' }) })).avatar;
  await frank.client.v1.accounts.$select(erin.id).follow();
  await gina.client.v1.accounts.$select(erin.id).follow();
  await erin.client.v1.accounts.$select(frank.id).follow();
  franksPost = await frank.client.v1.statuses.create({ status: 'frank speaks' });
  await erin.client.v1.statuses.$select(franksPost.id).favourite();
  await erin.client.v1.statuses.$select(franksPost.id).reblog();
  await erin.client.v1.statuses.create({ status: 'quiet please #hushed' });
  erinBrowser = new FormBrowser(strata.url);
  const signIn = await erinBrowser.get('/auth/sign_in?return_to=/settings/delete');
  expect((await erinBrowser.submit(formsOf(signIn.html)[0]!, { login: 'erin', password: 'erin password 1' })).status).toBe(303);
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

/** Everything the suspension hides, seen by frank and by anyone. */
async function expectShown(shown: boolean) {
  const erinIf = (extra: string[] = []) => (shown ? [erin.id, ...extra] : extra);
  expect(ids(await frank.client.v1.accounts.$select(frank.id).followers.list())).toEqual(erinIf());
  expect(ids(await frank.client.v1.accounts.$select(frank.id).following.list())).toEqual(erinIf());
  expect(ids(await gina.client.v1.accounts.$select(gina.id).following.list())).toEqual(erinIf());
  expect(await frank.client.v1.accounts.verifyCredentials()).toMatchObject({ followersCount: shown ? 1 : 0, followingCount: shown ? 1 : 0 });
  expect(await gina.client.v1.accounts.verifyCredentials()).toMatchObject({ followingCount: shown ? 1 : 0 });
  expect(await frank.client.v1.statuses.$select(franksPost.id).fetch()).toMatchObject({ reblogsCount: shown ? 1 : 0, favouritesCount: shown ? 1 : 0 });
  expect(ids(await frank.client.v1.statuses.$select(franksPost.id).rebloggedBy.list())).toEqual(erinIf());
  expect(ids(await frank.client.v1.statuses.$select(franksPost.id).favouritedBy.list())).toEqual(erinIf());
  expect(ids(await frank.client.v1.accounts.search.list({ q: 'erin' }))).toEqual(erinIf());
  expect(ids((await frank.client.v2.search.list({ q: 'erin', type: 'accounts' })).accounts)).toEqual(erinIf());
  expect(await tagUses()).toBe(shown ? '1' : '0');
  const fromErin = (await frank.client.v1.notifications.list()).filter((n) => n.account.id === erin.id).map((n) => n.type).sort();
  expect(fromErin).toEqual(shown ? ['favourite', 'follow', 'reblog'] : []);
  expect((await fetch(avatarUrl)).status).toBe(shown ? 200 : 404);
}

describe('suspension', () => {
  it('shows the account everywhere before', async () => {
    await expectShown(true);
  });

  it('hides the account from lists, search, counts, tag history and media, and ends its browser session', async () => {
    const suspended = await cli('suspend', 'erin');
    expect(suspended.stdout).toContain('erin is suspended');
    expect(suspended.stdout).toContain('ended 1 session(s)');
    // the server's projector applies the event: wait for its last visible effect
    await eventually(async () => (await frank.client.v1.accounts.verifyCredentials()).followersCount === 0);
    await expectShown(false);
    expect((await erinBrowser.get('/settings/delete')).status).toBe(303);
  });

  it('brings all of it back on unsuspension', async () => {
    const lifted = await cli('unsuspend', 'erin');
    expect(lifted.stdout).toContain('erin is no longer suspended');
    await eventually(async () => (await frank.client.v1.accounts.verifyCredentials()).followersCount === 1);
    await expectShown(true);
  });
});

describe('deletion by an operator', () => {
  it('deletes with `strata accounts delete`, printing each step', async () => {
    const deleted = await cli('delete', 'gina');
    expect(deleted.code).toBe(0);
    for (const step of ['recorded AccountDeleted', 'shredded the personal-data key', 'revoked 1 token(s)', 'removed the e-mail address and password']) {
      expect(deleted.stdout).toContain(step);
    }
    await eventually(async () => (await fetch(`${strata.url}/api/v1/accounts/${gina.id}`)).status === 404);
    expect(await frank.client.v1.accounts.$select(erin.id).fetch()).toMatchObject({ followersCount: 1 }); // erin's own token ended with her suspension
    expect(ids(await frank.client.v1.accounts.$select(erin.id).followers.list())).toEqual([frank.id]);
    expect((await fetch(`${strata.url}/api/v1/accounts/verify_credentials`, { headers: { authorization: `Bearer ${gina.token}` } })).status).toBe(401);
    const again = await cli('delete', 'gina');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('no local account gina');
  });
});
