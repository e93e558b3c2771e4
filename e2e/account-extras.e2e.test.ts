import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers, statusOf } from './support/users.ts';

/**
 * Account extras as clients use them on profile and explore screens: endorsements,
 * private notes, the caller's lists holding an account, followers in common, the
 * profile directory and follow suggestions; hidden (blocked, suspended) accounts in none.
 */
const temp = makeTempDir('strata-e2e-account-extras-');
let strata: StrataProcess;
let alice: TestUser, bob: TestUser, carol: TestUser, dave: TestUser, erin: TestUser;
const ids = (accounts: { id: string }[]) => accounts.map((a) => a.id);

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  const users = await signUpUsers(strata.url, ['alice', 'bob', 'carol', 'dave', 'erin']);
  [alice, bob, carol, dave, erin] = [users['alice']!, users['bob']!, users['carol']!, users['dave']!, users['erin']!];
  for (const user of [bob, carol, dave, erin]) await user.client.v1.accounts.updateCredentials({ discoverable: true });
  // alice follows bob and carol; both follow dave; bob follows erin
  await alice.client.v1.accounts.$select(bob.id).follow();
  await alice.client.v1.accounts.$select(carol.id).follow();
  await bob.client.v1.accounts.$select(dave.id).follow();
  await carol.client.v1.accounts.$select(dave.id).follow();
  await bob.client.v1.accounts.$select(erin.id).follow();
  await dave.client.v1.statuses.create({ status: 'dave was here' });
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('endorsements and notes', () => {
  it('features a followed account on the profile and refuses one not followed', async () => {
    expect((await alice.client.v1.accounts.$select(bob.id).endorse()).endorsed).toBe(true);
    expect(ids(await alice.client.v1.endorsements.list())).toEqual([bob.id]);
    expect(ids(await dave.client.v1.accounts.$select(alice.id).endorsements.list())).toEqual([bob.id]);
    expect(await statusOf(alice.client.v1.accounts.$select(dave.id).endorse())).toBe(422);
    expect((await alice.client.v1.accounts.$select(bob.id).unpin()).endorsed).toBe(false);
    expect(await alice.client.v1.endorsements.list()).toEqual([]);
    await alice.client.v1.accounts.$select(carol.id).pin();
  });

  it('hides an endorsed account from one it blocks', async () => {
    await carol.client.v1.accounts.$select(erin.id).block();
    expect(ids(await bob.client.v1.accounts.$select(alice.id).endorsements.list())).toEqual([carol.id]);
    expect(await erin.client.v1.accounts.$select(alice.id).endorsements.list()).toEqual([]);
  });

  it('keeps a private note shown only in the writer\'s relationship', async () => {
    expect((await alice.client.v1.accounts.$select(dave.id).note.create({ comment: 'met at the fair' })).note).toBe('met at the fair');
    const [mine] = await alice.client.v1.accounts.relationships.fetch({ id: [dave.id] });
    expect(mine?.note).toBe('met at the fair');
    const [theirs] = await bob.client.v1.accounts.relationships.fetch({ id: [dave.id] });
    expect(theirs?.note).toBe('');
    expect((await alice.client.v1.accounts.$select(dave.id).note.create({ comment: '' })).note).toBe('');
    expect(await statusOf(alice.client.v1.accounts.$select(dave.id).note.create({ comment: 'x'.repeat(2001) }))).toBe(422);
  });
});

describe('lists, familiar followers, directory', () => {
  it('names the caller\'s lists that hold an account', async () => {
    const list = await alice.client.v1.lists.create({ title: 'Friends' });
    await alice.client.v1.lists.$select(list.id).accounts.create({ accountIds: [bob.id] });
    expect(await alice.client.v1.accounts.$select(bob.id).lists.list()).toEqual([{ id: list.id, title: 'Friends', repliesPolicy: 'list', exclusive: false }]);
    expect(await alice.client.v1.accounts.$select(carol.id).lists.list()).toEqual([]);
    expect(await bob.client.v1.accounts.$select(bob.id).lists.list()).toEqual([]);
  });

  it('shows the followers in common', async () => {
    // as clients send it (masto's own helper serializes the ids without a name)
    const response = await fetch(`${strata.url}/api/v1/accounts/familiar_followers?id[]=${dave.id}&id[]=${erin.id}`, { headers: { authorization: `Bearer ${alice.token}` } });
    const [familiar, none] = (await response.json()) as { id: string; accounts: { id: string }[] }[];
    expect(familiar?.id).toBe(dave.id);
    expect(ids(familiar!.accounts).sort()).toEqual([bob.id, carol.id].sort());
    expect(none).toEqual({ id: erin.id, accounts: [{ id: bob.id }].map((a) => expect.objectContaining(a)) });
  });

  it('lists discoverable accounts, the active first, never a blocked one', async () => {
    const directory = await alice.client.v1.directory.list({ order: 'active', local: true });
    expect(ids(directory)[0]).toBe(dave.id);
    expect(ids(directory)).not.toContain(alice.id);
    expect(ids(directory).sort()).toEqual([bob.id, carol.id, dave.id, erin.id].sort());
    await alice.client.v1.accounts.$select(erin.id).block();
    expect(ids(await alice.client.v1.directory.list({ order: 'new' }))).not.toContain(erin.id);
    expect(await statusOf((async () => alice.client.v1.directory.list({ order: 'sideways' as 'new' }))())).toBe(400);
  });
});

describe('follow suggestions', () => {
  it('suggests friends of friends first, then popular accounts, and forgets a dismissed one', async () => {
    const suggestions = await alice.client.v2.suggestions.list();
    expect(suggestions[0]).toMatchObject({ account: { id: dave.id }, sources: ['friends_of_friends', 'most_followed'] });
    // erin is blocked by alice; alice herself and those she follows are never suggested
    expect(suggestions.map((s) => s.account.id)).toEqual([dave.id]);
    expect(ids(await dave.client.v1.suggestions.list())).toEqual(expect.arrayContaining([erin.id]));
    const dismissed = await fetch(`${strata.url}/api/v1/suggestions/${dave.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${alice.token}` } });
    expect(dismissed.status).toBe(200);
    expect(await alice.client.v2.suggestions.list()).toEqual([]);
  });
});

describe('profile pictures', () => {
  it('removes the avatar and the header, falling back to the stand-ins', async () => {
    const png = await sharp({ create: { width: 200, height: 200, channels: 3, background: { r: 200, g: 20, b: 20 } } }).png().toBuffer();
    const image = () => new Blob([png], { type: 'image/png' });
    const updated = await bob.client.v1.accounts.updateCredentials({ avatar: image(), header: image() });
    expect(updated.avatar).not.toContain('missing.png');
    expect((await bob.client.v1.profile.avatar.remove()).avatar).toContain('/avatars/original/missing.png');
    const account = await bob.client.v1.profile.header.remove();
    expect(account.header).toContain('/headers/original/missing.png');
    expect((await alice.client.v1.accounts.$select(bob.id).fetch()).avatar).toContain('/avatars/original/missing.png');
  });
});

describe('featured tags', () => {
  it('features hashtags with their counts, suggests used ones and removes them', async () => {
    await carol.client.v1.statuses.create({ status: 'first #Gardening post' });
    await carol.client.v1.statuses.create({ status: 'more #gardening and #cats', visibility: 'private' });
    await carol.client.v1.statuses.create({ status: 'only #cats' });
    const suggested = await carol.client.v1.featuredTags.suggestions.list();
    expect(suggested.map((t) => t.name)).toEqual(['cats', 'gardening']);
    const featured = await carol.client.v1.featuredTags.create({ name: '#Gardening' });
    // the private post is not counted: public counters count public and unlisted statuses
    expect(featured).toMatchObject({ name: 'gardening', statusesCount: 1, url: `http://localhost:${strata.port}/@carol/tagged/gardening` });
    expect((await carol.client.v1.tags.$select('cats').feature()).featuring).toBe(true);
    expect((await carol.client.v1.featuredTags.suggestions.list()).map((t) => t.name)).toEqual([]);
    expect((await bob.client.v1.accounts.$select(carol.id).featuredTags.list()).map((t) => t.name)).toEqual(['gardening', 'cats']);
    // carol blocked erin: her profile's tags are not erin's to see
    expect(await statusOf((async () => erin.client.v1.accounts.$select(carol.id).featuredTags.list())())).toBe(404);
    await carol.client.v1.featuredTags.$select(featured.id).remove();
    expect(await statusOf(bob.client.v1.featuredTags.$select(featured.id).remove())).toBe(404);
    expect((await carol.client.v1.tags.$select('cats').unfeature()).featuring).toBe(false);
    expect(await carol.client.v1.featuredTags.list()).toEqual([]);
    expect(await statusOf(carol.client.v1.featuredTags.create({ name: 'not a tag!' }))).toBe(422);
  });
});
