import type { mastodon } from 'masto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers, statusOf } from './support/users.ts';

/**
 * Polls as a client uses them through `masto`: posting with Mastodon's limits (422),
 * voting with its refusals, per-viewer `voted`/`own_votes`, hidden totals, visibility of
 * the status that holds it, edits that reset votes, and the end of a poll by a delayed
 * job that survives the server being killed mid-wait, with `poll` notifications.
 */
const temp = makeTempDir('strata-e2e-polls-');
const env = { STRATA_POLL_MIN_SECONDS: '2' };
let strata: StrataProcess;
let alice: TestUser, bob: TestUser, carol: TestUser;

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path, env });
  const users = await signUpUsers(strata.url, ['alice', 'bob', 'carol']);
  [alice, bob, carol] = [users['alice']!, users['bob']!, users['carol']!];
  await bob.client.v1.accounts.$select(alice.id).follow();
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

const post = (user: TestUser, poll: mastodon.rest.v1.CreateStatusPollParam, extra: Partial<mastodon.rest.v1.CreateStatusParamsWithStatus> = {}) =>
  user.client.v1.statuses.create({ status: 'Which one?', poll, ...extra });
const vote = (user: TestUser, pollId: string, choices: number[]) => user.client.v1.polls.$select(pollId).votes.create({ choices });
const counts = (poll: mastodon.v1.Poll) => poll.options.map((option) => option.votesCount);

describe('posting a poll', () => {
  it('answers the Poll entity on the status, the author counting as having voted', async () => {
    const status = await post(alice, { options: ['tea', 'coffee', 'water'], expiresIn: 3600 });
    expect(status.poll).toMatchObject({ expired: false, multiple: false, votesCount: 0, votersCount: 0, voted: true, ownVotes: [], emojis: [] });
    expect(status.poll!.options).toEqual([
      { title: 'tea', votesCount: 0 },
      { title: 'coffee', votesCount: 0 },
      { title: 'water', votesCount: 0 },
    ]);
    const ends = Date.parse(status.poll!.expiresAt!) - Date.parse(status.createdAt);
    expect(ends).toBeGreaterThan(3590_000);
    expect(ends).toBeLessThan(3610_000);
    expect((await bob.client.v1.polls.$select(status.poll!.id).fetch()).voted).toBe(false);
  });

  it('refuses polls outside the limits with 422 and writes nothing', async () => {
    const before = (await alice.client.v1.accounts.verifyCredentials()).statusesCount;
    const bad = [
      { options: ['only one'], expiresIn: 3600 },
      { options: ['a', 'b', 'c', 'd', 'e'], expiresIn: 3600 },
      { options: ['a', 'x'.repeat(51)], expiresIn: 3600 },
      { options: ['same', 'same'], expiresIn: 3600 },
      { options: ['a', ''], expiresIn: 3600 },
      { options: ['a', 'b'], expiresIn: 1 },
      { options: ['a', 'b'], expiresIn: 40 * 24 * 3600 },
    ];
    for (const poll of bad) expect(await statusOf(post(alice, poll)), JSON.stringify(poll)).toBe(422);
    const error = await post(alice, { options: ['one'], expiresIn: 3600 }).catch((e: { message: string }) => e);
    expect((error as { message: string }).message).toMatch(/Validation failed: Poll options/);
    expect((await alice.client.v1.accounts.verifyCredentials()).statusesCount).toBe(before);
  });
});

describe('voting', () => {
  it('counts a vote once, with Mastodon refusals as 422', async () => {
    const { poll } = await post(alice, { options: ['red', 'blue'], expiresIn: 3600 });
    const voted = await vote(bob, poll!.id, [1]);
    expect(voted).toMatchObject({ votesCount: 1, votersCount: 1, voted: true, ownVotes: [1] });
    expect(counts(voted)).toEqual([0, 1]);
    expect(await statusOf(vote(bob, poll!.id, [0]))).toBe(422); // already voted
    expect(await statusOf(vote(alice, poll!.id, [0]))).toBe(422); // own poll
    expect(await statusOf(vote(carol, poll!.id, [2]))).toBe(422); // no such option
    expect(await statusOf(vote(carol, poll!.id, [0, 1]))).toBe(422); // one choice only
    expect(await statusOf(vote(carol, '999999999', [0]))).toBe(404);
    const fromCarol = await vote(carol, poll!.id, [0]);
    expect(counts(fromCarol)).toEqual([1, 1]);
    // each viewer sees their own vote on the status too
    const home = await bob.client.v1.timelines.home.list();
    expect(home.find((s) => s.poll?.id === poll!.id)?.poll).toMatchObject({ voted: true, ownVotes: [1], votesCount: 2 });
  });

  it('takes several choices on a multiple-choice poll and hides totals from voters until it ends', async () => {
    const { poll } = await post(alice, { options: ['a', 'b', 'c'], expiresIn: 3600, multiple: true, hideTotals: true });
    const voted = await vote(bob, poll!.id, [0, 2]);
    expect(voted).toMatchObject({ multiple: true, votesCount: 2, votersCount: 1, ownVotes: [0, 2] });
    expect(counts(voted)).toEqual([null, null, null]);
    expect(counts(await alice.client.v1.polls.$select(poll!.id).fetch())).toEqual([1, 0, 1]);
  });

  it('answers 404 for the poll of a status the viewer may not see', async () => {
    const { poll } = await post(alice, { options: ['yes', 'no'], expiresIn: 3600 }, { visibility: 'private' });
    expect((await bob.client.v1.polls.$select(poll!.id).fetch()).id).toBe(poll!.id);
    expect(await statusOf(carol.client.v1.polls.$select(poll!.id).fetch())).toBe(404);
    expect(await statusOf(vote(carol, poll!.id, [0]))).toBe(404);
    const anonymous = await fetch(`${strata.url}/api/v1/polls/${poll!.id}`);
    expect(anonymous.status).toBe(404);
  });
});

describe('editing', () => {
  it('keeps the votes when the options stay, and resets them when they change', async () => {
    const status = await post(alice, { options: ['cats', 'dogs'], expiresIn: 3600 });
    await vote(bob, status.poll!.id, [0]);
    const same = await alice.client.v1.statuses.$select(status.id).update({ status: 'Which one, really?', poll: { options: ['cats', 'dogs'], expiresIn: 7200 } });
    expect(same.poll).toMatchObject({ id: status.poll!.id, votesCount: 1 });
    const changed = await alice.client.v1.statuses.$select(status.id).update({ status: 'Which one?', poll: { options: ['cats', 'dogs', 'fish'], expiresIn: 3600 } });
    expect(changed.poll).toMatchObject({ votesCount: 0, votersCount: 0 });
    expect(counts(changed.poll!)).toEqual([0, 0, 0]);
    const seen = await bob.client.v1.statuses.$select(status.id).fetch();
    expect(seen.poll).toMatchObject({ voted: false, ownVotes: [] });
    expect((await vote(bob, changed.poll!.id, [2])).ownVotes).toEqual([2]);
    const dropped = await alice.client.v1.statuses.$select(status.id).update({ status: 'No poll any more' });
    expect(dropped.poll).toBeNull();
  });
});

describe('the end of a poll', () => {
  it('ends by a job that survives a restart, notifying voters and the author', async () => {
    const status = await post(alice, { options: ['now', 'later'], expiresIn: 3 });
    await vote(bob, status.poll!.id, [0]);
    await vote(carol, status.poll!.id, [1]);
    // killed while the job waits: the restarted server still ends the poll
    const port = strata.port;
    await strata.kill('SIGKILL');
    strata = await startStrataProcess({ dataDir: temp.path, env, port });
    for (const user of [alice, bob, carol]) {
      const notification = await waitForPollNotification(user, status.id);
      expect(notification.account.id).toBe(alice.id);
    }
    const ended = await bob.client.v1.polls.$select(status.poll!.id).fetch();
    expect(ended).toMatchObject({ expired: true, votesCount: 2, ownVotes: [0] });
    expect(await statusOf(vote(alice, status.poll!.id, [0]))).toBe(422);
    // a late voter is refused, and nobody is notified twice
    const { dave } = await signUpUsers(strata.url, ['dave']);
    expect(await statusOf(vote(dave!, status.poll!.id, [0]))).toBe(422);
    const all = await bob.client.v1.notifications.list({ types: ['poll'] });
    expect(all.filter((n) => n.status?.id === status.id)).toHaveLength(1);
  }, 60_000);
});

async function waitForPollNotification(user: TestUser, statusId: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = (await user.client.v1.notifications.list({ types: ['poll'] })).find((n) => n.status?.id === statusId);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no poll notification for ${user.username}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
