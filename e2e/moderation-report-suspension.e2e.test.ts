import type { mastodon } from 'masto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { RawStreamClient } from './support/stream-client.ts';
import { type TestUser, signUpUsers, statusOf } from './support/users.ts';

/**
 * A report flows to the moderators through the admin API and is resolved with a
 * suspension (`POST /api/v1/admin/accounts/:id/action` with its `report_id`): the account
 * leaves every timeline, search, list of follows, notification and stream, its sessions
 * end, and federation no longer serves its actor, collections, WebFinger or statuses.
 */
const temp = makeTempDir('strata-e2e-report-suspension-');
let strata: StrataProcess;
let mod: TestUser, alice: TestUser, spammer: TestUser, fan: TestUser;
let spam: mastodon.v1.Status, fansPost: mastodon.v1.Status;
let report: mastodon.v1.Report;
let domain = '';
const ids = (items: { id: string }[]) => items.map((item) => item.id);
const activityJson = (path: string) => fetch(`${strata.url}${path}`, { headers: { accept: 'application/activity+json' } });

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  domain = new URL(strata.url).host.replace('127.0.0.1', 'localhost');
  ({ mod } = (await signUpUsers(strata.url, ['mod'], 'read write follow admin:read admin:write')) as Record<'mod', TestUser>);
  ({ alice, spammer, fan } = (await signUpUsers(strata.url, ['alice', 'spammer', 'fan'])) as Record<'alice' | 'spammer' | 'fan', TestUser>);
  expect((await runNode('packages/cli/src/main.ts', ['accounts', 'role', 'mod', 'moderator'], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' })).code).toBe(0);
  await eventually(async () => (await mod.client.v1.admin.accounts.$select(spammer.id).fetch()).id === spammer.id);
  await fan.client.v1.accounts.$select(spammer.id).follow();
  fansPost = await fan.client.v1.statuses.create({ status: 'a post of my own' });
  await spammer.client.v1.statuses.$select(fansPost.id).favourite();
  spam = await spammer.client.v1.statuses.create({ status: 'cheapwatches for sale #bargains' });
}, 60_000);

afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('a report resolved with a suspension', () => {
  it('shows the account everywhere before', async () => {
    expect(ids(await alice.client.v1.timelines.public.list())).toContain(spam.id);
    expect(ids(await fan.client.v1.timelines.home.list())).toContain(spam.id);
    expect(ids(await alice.client.v1.timelines.tag.$select('bargains').list())).toContain(spam.id);
    expect(ids((await alice.client.v2.search.list({ q: 'cheapwatches', type: 'statuses' })).statuses)).toContain(spam.id);
    expect(ids((await alice.client.v2.search.list({ q: 'spammer', type: 'accounts' })).accounts)).toEqual([spammer.id]);
    expect((await fan.client.v1.notifications.list()).map((n) => n.account.id)).toContain(spammer.id);
    expect((await activityJson('/users/spammer')).status).toBe(200);
    expect((await activityJson('/users/spammer/outbox')).status).toBe(200);
    expect((await fetch(`${strata.url}/.well-known/webfinger?resource=acct:spammer@${domain}`)).status).toBe(200);
  });

  it('reaches the moderators, who suspend through the report; the report is resolved', async () => {
    report = await alice.client.v1.reports.create({ accountId: spammer.id, statusIds: [spam.id], comment: 'spam', category: 'spam' });
    const listed = await mod.client.v1.admin.reports.list();
    expect(listed.map((r) => [r.id, r.targetAccount.id])).toEqual([[report.id, spammer.id]]);
    const stream = await RawStreamClient.connect(`${strata.url.replace('http', 'ws')}/api/v1/streaming?stream=user`, { token: spammer.token });
    const acted = await fetch(`${strata.url}/api/v1/admin/accounts/${spammer.id}/action`, {
      method: 'POST',
      headers: { authorization: `Bearer ${mod.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'suspend', report_id: report.id, text: 'spam is not welcome' }),
    });
    expect(acted.status).toBe(200);
    expect(await mod.client.v1.admin.reports.$select(report.id).fetch()).toMatchObject({ actionTaken: true, actionTakenByAccount: { id: mod.id } });
    expect(await mod.client.v1.admin.reports.list()).toEqual([]);
    expect(await mod.client.v1.admin.accounts.$select(spammer.id).fetch()).toMatchObject({ suspended: true });
    // its sessions and streams end
    expect((await eventually(() => stream.closed, 5000)).code).toBe(1008);
    expect(await statusOf(spammer.client.v1.accounts.verifyCredentials())).toBe(401);
  });

  it('removes the account from timelines, search, follows, notifications and statuses', async () => {
    await eventually(async () => !ids(await alice.client.v1.timelines.public.list()).includes(spam.id));
    expect(ids(await fan.client.v1.timelines.home.list())).not.toContain(spam.id);
    expect(ids(await alice.client.v1.timelines.tag.$select('bargains').list())).not.toContain(spam.id);
    expect(ids((await alice.client.v2.search.list({ q: 'cheapwatches', type: 'statuses' })).statuses)).toEqual([]);
    expect((await alice.client.v2.search.list({ q: 'spammer', type: 'accounts' })).accounts).toEqual([]);
    expect(ids(await fan.client.v1.accounts.$select(fan.id).following.list())).toEqual([]);
    expect((await fan.client.v1.notifications.list()).map((n) => n.account.id)).not.toContain(spammer.id);
    expect(await fan.client.v1.statuses.$select(fansPost.id).fetch()).toMatchObject({ favouritesCount: 0 });
    expect(await statusOf(alice.client.v1.statuses.$select(spam.id).fetch())).toBe(404);
    expect(await statusOf(alice.client.v1.accounts.$select(spammer.id).fetch())).toBe(404);
    expect(await statusOf(alice.client.v1.accounts.lookup({ acct: 'spammer' }))).toBe(404);
  });

  it('is no longer served to other servers: actor, collections, WebFinger and statuses', async () => {
    expect((await activityJson('/users/spammer')).status).toBe(404);
    expect((await activityJson(`/users/spammer/statuses/${spam.id}`)).status).toBe(404);
    for (const collection of ['outbox', 'followers', 'following']) expect((await activityJson(`/users/spammer/${collection}`)).status, collection).toBe(404);
    expect((await fetch(`${strata.url}/.well-known/webfinger?resource=acct:spammer@${domain}`)).status).toBe(404);
  });
});
