import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  accountsCollection,
  followsCollection,
  homeFeed,
  listMembersCollection,
  listsCollection,
  marksCollection,
  notificationsCollection,
  statusesCollection,
  tagFollowsCollection,
} from '@strata/views';
import { setAccountSuspension } from './account-admin.ts';
import { deleteAccount } from './delete-account.ts';
import { changeList } from './lists.ts';
import { followAccount } from './relationships.ts';
import { postStatus, reblogStatus, setTagFollow, toggleStatusMark } from './statuses.ts';
import { openWorld } from './testing/world.ts';

let world: ReturnType<typeof openWorld>;
beforeEach(() => {
  world = openWorld();
});
afterEach(async () => world.close());

const post = async (accountId: string, text: string) =>
  (await postStatus(world.deps, { accountId, visibility: 'public', inReplyToId: null, inReplyToAccountId: null, sensitive: false, language: null, mentionedAccountIds: [], content: { text, spoilerText: '', tags: ['cats'] }, applicationId: null }, world.metadata)).statusId;

/** alice and bob follow each other and react to each other's posts; carol follows alice and has a request from her; bob lists alice. */
async function socialGraph() {
  const { deps, metadata } = world;
  const [alice, bob, carol] = [await world.signUp('alice'), await world.signUp('bob'), await world.signUp('carol')];
  for (const [followerId, followedId] of [[alice, bob], [bob, alice], [carol, alice], [carol, bob]] as const) {
    await followAccount(deps, { followerId, followedId, locked: false, options: {} }, metadata);
  }
  // carol is locked: alice's follow stays a request
  await followAccount(deps, { followerId: alice, followedId: carol, locked: true, options: {} }, metadata);
  const alicePost = await post(alice, 'hello from alice');
  const bobPost = await post(bob, 'hello from bob');
  await reblogStatus(deps, { accountId: alice, statusId: bobPost, statusAccountId: bob, visibility: 'public' }, metadata);
  for (const kind of ['favourite', 'bookmark', 'pin'] as const) await toggleStatusMark(deps, { kind, on: true, accountId: alice, statusId: kind === 'pin' ? alicePost : bobPost, statusAccountId: kind === 'pin' ? alice : bob }, metadata);
  await toggleStatusMark(deps, { kind: 'favourite', on: true, accountId: bob, statusId: alicePost, statusAccountId: alice }, metadata);
  await setTagFollow(deps, { accountId: alice, tag: 'cats', following: true }, metadata);
  await changeList(deps, { type: 'CreateList', listId: '900', accountId: bob, title: 'friends', repliesPolicy: 'list', exclusive: false }, metadata);
  await changeList(deps, { type: 'ChangeListMembers', listId: '900', accountId: bob, accountIds: [alice], added: true }, metadata);
  await changeList(deps, { type: 'CreateList', listId: '901', accountId: alice, title: 'mine', repliesPolicy: 'list', exclusive: false }, metadata);
  await world.project();
  return { alice, bob, carol, alicePost, bobPost };
}

describe('AccountDeleted through the projections', () => {
  it('leaves nothing of the account in any read model, and the counts of others right', async () => {
    const { alice, bob, carol, alicePost, bobPost } = await socialGraph();
    const store = world.readModels;
    expect(await followsCollection(store).count({ followerId: alice, state: 'requested' })).toBe(1);
    expect(await notificationsCollection(store).count({ accountId: carol, type: 'follow_request' })).toBe(1);
    expect((await statusesCollection(store).get(bobPost))).toMatchObject({ reblogsCount: 1, favouritesCount: 1 });
    expect(await accountsCollection(store).get(bob)).toMatchObject({ followersCount: 2, followingCount: 1 });

    await deleteAccount(world.deps, { accountId: alice, by: 'operator' }, world.metadata);
    await world.project();

    expect(await accountsCollection(store).get(alice)).toBeNull();
    expect(await statusesCollection(store).count({ accountId: alice })).toBe(0);
    expect(await statusesCollection(store).get(alicePost)).toBeNull();
    expect(await statusesCollection(store).get(bobPost)).toMatchObject({ reblogsCount: 0, favouritesCount: 0 });
    expect(await accountsCollection(store).get(bob)).toMatchObject({ followersCount: 1, followingCount: 0 });
    expect(await accountsCollection(store).get(carol)).toMatchObject({ followersCount: 0, followingCount: 1 });
    expect(await followsCollection(store).count({ state: 'requested' })).toBe(0);
    expect(await followsCollection(store).count({ followerId: alice })).toBe(0);
    expect(await followsCollection(store).count({ followedId: alice })).toBe(0);
    for (const kind of ['favourite', 'bookmark', 'pin', 'mute'] as const) expect(await marksCollection(store, kind).count({ accountId: alice })).toBe(0);
    expect(await marksCollection(store, 'favourite').count({ statusId: alicePost })).toBe(0);
    expect(await notificationsCollection(store).count({ accountId: alice })).toBe(0);
    expect(await notificationsCollection(store).count({ fromAccountId: alice })).toBe(0);
    expect(await homeFeed(store).count({ ownerId: alice })).toBe(0);
    expect(await homeFeed(store).count({ authorId: alice })).toBe(0);
    expect(await homeFeed(store).count({ ownerId: bob, reblogOfId: bobPost })).toBe(0);
    expect(await listsCollection(store).count({ accountId: alice })).toBe(0);
    expect(await listMembersCollection(store).count({ accountId: alice })).toBe(0);
    expect(await tagFollowsCollection(store).count({ accountId: alice })).toBe(0);
  });

  it('a rebuild from the log ends the same way', async () => {
    const { alice, bob } = await socialGraph();
    await deleteAccount(world.deps, { accountId: alice, by: 'operator' }, world.metadata);
    await world.readModels.dropAll();
    await world.project(-1); // as `strata projections rebuild` does
    expect(await accountsCollection(world.readModels).get(alice)).toBeNull();
    expect(await statusesCollection(world.readModels).count({ accountId: alice })).toBe(0);
    expect(await accountsCollection(world.readModels).get(bob)).toMatchObject({ followersCount: 1, followingCount: 0 });
  });

  it('drops events of the account delivered after its deletion (other streams may arrive late)', async () => {
    const { alice, bob, bobPost } = await socialGraph();
    const deletion = await deleteAccount(world.deps, { accountId: alice, by: 'operator' }, world.metadata);
    await world.project();
    await world.redeliverBefore(deletion.position!); // everything before the deletion, seen after it
    const store = world.readModels;
    expect(await accountsCollection(store).get(alice)).toBeNull();
    expect(await statusesCollection(store).count({ accountId: alice })).toBe(0);
    expect(await followsCollection(store).count({ followerId: alice })).toBe(0);
    expect(await listMembersCollection(store).count({ accountId: alice })).toBe(0);
    expect(await marksCollection(store, 'favourite').count({ accountId: alice })).toBe(0);
    expect(await accountsCollection(store).get(bob)).toMatchObject({ followersCount: 1, followingCount: 0 });
    expect(await statusesCollection(store).get(bobPost)).toMatchObject({ reblogsCount: 0, favouritesCount: 0 });
  });
});

describe('suspension in the read models', () => {
  it('leaves the account out of the counts of others, and unsuspension puts it back', async () => {
    const { alice, bob, carol, bobPost } = await socialGraph();
    const store = world.readModels;
    await setAccountSuspension(world.deps, { accountId: alice, suspended: true }, world.metadata);
    await world.project();
    expect(await accountsCollection(store).get(bob)).toMatchObject({ followersCount: 1, followingCount: 0 });
    expect(await accountsCollection(store).get(carol)).toMatchObject({ followingCount: 1 });
    expect(await statusesCollection(store).get(bobPost)).toMatchObject({ reblogsCount: 0, favouritesCount: 0 });
    // a new reaction by someone else is counted without the suspended account's
    await toggleStatusMark(world.deps, { kind: 'favourite', on: true, accountId: carol, statusId: bobPost, statusAccountId: bob }, world.metadata);
    await world.project();
    expect(await statusesCollection(store).get(bobPost)).toMatchObject({ favouritesCount: 1 });

    await setAccountSuspension(world.deps, { accountId: alice, suspended: false }, world.metadata);
    await world.project();
    expect(await accountsCollection(store).get(bob)).toMatchObject({ followersCount: 2, followingCount: 1 });
    expect(await accountsCollection(store).get(carol)).toMatchObject({ followingCount: 2 });
    expect(await statusesCollection(store).get(bobPost)).toMatchObject({ reblogsCount: 1, favouritesCount: 2 });
  });

  it('ends the sessions and tokens of the account and disables its sign-in', async () => {
    const { alice } = await socialGraph();
    const { vault } = world.deps;
    await vault.sessions.upsert({ id: 's', accountId: alice, csrfToken: 'c', createdAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 60_000).toISOString() });
    const { closed } = await setAccountSuspension(world.deps, { accountId: alice, suspended: true }, world.metadata);
    expect(closed.sessions).toBe(1);
    expect(await vault.sessions.count({ accountId: alice })).toBe(0);
    expect((await vault.credentials.get(alice))?.disabled).toBe(true);
  });
});
