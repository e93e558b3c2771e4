import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers, statusOf } from './support/users.ts';

/**
 * Scheduled statuses through `masto`: `scheduled_at` answers a ScheduledStatus, the owner
 * lists, reads, moves and cancels it (404 to anyone else), Mastodon's limits are 422s, and
 * a delayed job publishes it exactly once even when the server is killed while it waits.
 * The lead time is lowered to 2 s here (STRATA_SCHEDULE_MIN_SECONDS) to keep the test quick.
 */
const temp = makeTempDir('strata-e2e-scheduled-');
const env = { STRATA_SCHEDULE_MIN_SECONDS: '2', STRATA_POLL_MIN_SECONDS: '2' };
let strata: StrataProcess;
let alice: TestUser, bob: TestUser;
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
const DAY = 24 * 3600;

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path, env });
  const users = await signUpUsers(strata.url, ['alice', 'bob']);
  [alice, bob] = [users['alice']!, users['bob']!];
  await bob.client.v1.accounts.$select(alice.id).follow();
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('scheduling', () => {
  it('answers a ScheduledStatus that its owner alone lists, reads, moves and cancels', async () => {
    const when = inSeconds(DAY);
    const scheduled = await alice.client.v1.statuses.create({
      status: 'Tomorrow, then',
      spoilerText: 'plans',
      visibility: 'unlisted',
      poll: { options: ['yes', 'no'], expiresIn: 3600 },
      scheduledAt: when,
    });
    expect(scheduled).toMatchObject({ scheduledAt: when, mediaAttachments: [] });
    expect(scheduled.params).toMatchObject({ text: 'Tomorrow, then', spoilerText: 'plans', visibility: 'unlisted', poll: { options: ['yes', 'no'], multiple: false } });
    expect((await alice.client.v1.scheduledStatuses.list()).map((s) => s.id)).toEqual([scheduled.id]);
    expect((await alice.client.v1.scheduledStatuses.$select(scheduled.id).fetch()).id).toBe(scheduled.id);
    expect(await bob.client.v1.scheduledStatuses.list()).toEqual([]);
    expect(await statusOf(bob.client.v1.scheduledStatuses.$select(scheduled.id).fetch())).toBe(404);
    expect(await statusOf(bob.client.v1.scheduledStatuses.$select(scheduled.id).remove())).toBe(404);

    const later = inSeconds(2 * DAY);
    expect((await alice.client.v1.scheduledStatuses.$select(scheduled.id).update({ scheduledAt: later })).scheduledAt).toBe(later);
    expect(await statusOf(alice.client.v1.scheduledStatuses.$select(scheduled.id).update({ scheduledAt: inSeconds(-60) }))).toBe(422);
    await alice.client.v1.scheduledStatuses.$select(scheduled.id).remove();
    expect(await statusOf(alice.client.v1.scheduledStatuses.$select(scheduled.id).fetch())).toBe(404);
    expect(await alice.client.v1.scheduledStatuses.list()).toEqual([]);
    // nothing was posted by scheduling
    expect((await alice.client.v1.accounts.verifyCredentials()).statusesCount).toBe(0);
  });

  it('refuses a time too soon or not a time with 422, and posts at once for a time already past', async () => {
    expect(await statusOf(alice.client.v1.statuses.create({ status: 'too soon', scheduledAt: inSeconds(1) }))).toBe(422);
    expect(await statusOf(alice.client.v1.statuses.create({ status: 'when?', scheduledAt: 'not a time' }))).toBe(422);
    const posted = (await alice.client.v1.statuses.create({ status: 'already due', scheduledAt: inSeconds(-60) })) as unknown as { content: string };
    expect(posted.content).toContain('already due');
  });

  it('keeps to 50 scheduled statuses a day', async () => {
    const day = Date.now() + 5 * DAY * 1000;
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push((await alice.client.v1.statuses.create({ status: `day ${i}`, scheduledAt: new Date(day + i * 1000).toISOString() })).id);
    const refused = await alice.client.v1.statuses.create({ status: 'one too many', scheduledAt: new Date(day + 60_000).toISOString() }).catch((e: { statusCode: number; message: string }) => e);
    expect(refused).toMatchObject({ statusCode: 422 });
    expect((refused as { message: string }).message).toContain('limit of 50 scheduled posts for today');
    for (const id of ids) await alice.client.v1.scheduledStatuses.$select(id).remove();
  }, 60_000);

  it('keeps to 300 pending scheduled statuses', async () => {
    const start = Date.now() + 10 * DAY * 1000;
    for (let i = 0; i < 300; i++) await alice.client.v1.statuses.create({ status: `pending ${i}`, scheduledAt: new Date(start + (i % 6) * DAY * 1000 + i * 1000).toISOString() });
    const refused = await alice.client.v1.statuses.create({ status: 'one too many', scheduledAt: new Date(start + 8 * DAY * 1000).toISOString() }).catch((e: { statusCode: number; message: string }) => e);
    expect(refused).toMatchObject({ statusCode: 422 });
    expect((refused as { message: string }).message).toContain('limit of 300 scheduled posts');
    // pages of the list carry Link headers like every Mastodon list
    const page = await alice.client.v1.scheduledStatuses.list({ limit: 40 });
    expect(page).toHaveLength(40);
    let all = 0;
    for await (const batch of alice.client.v1.scheduledStatuses.list({ limit: 40 })) {
      all += batch.length;
      for (const scheduled of batch) await alice.client.v1.scheduledStatuses.$select(scheduled.id).remove();
    }
    expect(all).toBe(300);
  }, 90_000);
});

describe('publishing', () => {
  it('publishes once at its time, even when the server is killed while waiting', async () => {
    const scheduled = await alice.client.v1.statuses.create({ status: 'Posted by the scheduler', poll: { options: ['a', 'b'], expiresIn: 600 }, scheduledAt: inSeconds(4) });
    const port = strata.port;
    await strata.kill('SIGKILL');
    strata = await startStrataProcess({ dataDir: temp.path, env, port });
    const published = await waitFor(async () => (await alice.client.v1.accounts.$select(alice.id).statuses.list()).filter((s) => s.content.includes('Posted by the scheduler')));
    expect(published).toHaveLength(1);
    const status = published[0]!;
    expect(Date.parse(status.createdAt)).toBeGreaterThanOrEqual(Date.parse(scheduled.scheduledAt) - 1000);
    expect(status.poll!.options.map((o) => o.title)).toEqual(['a', 'b']);
    expect(Date.parse(status.poll!.expiresAt!) - Date.parse(status.createdAt)).toBeGreaterThan(590_000);
    expect(await statusOf(alice.client.v1.scheduledStatuses.$select(scheduled.id).fetch())).toBe(404);
    expect(await alice.client.v1.scheduledStatuses.list()).toEqual([]);
    // it reached the follower's home like any post, and a later post comes after it, once
    const mark = await alice.client.v1.statuses.create({ status: 'after the scheduled one' });
    const home = await waitFor(async () => (await bob.client.v1.timelines.home.list()).filter((s) => s.id === mark.id || s.id === status.id));
    expect(home.map((s) => s.id)).toEqual([mark.id, status.id]);
  }, 60_000);
});

async function waitFor<T>(read: () => Promise<T[]>, deadlineMs = 30_000): Promise<T[]> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const found = await read();
    if (found.length > 0) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
