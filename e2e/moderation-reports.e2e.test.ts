import type { mastodon } from 'masto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers, statusOf } from './support/users.ts';

/**
 * A user reports an account; the moderators hear of it (admin.report) and work the report
 * through Mastodon's admin API, which refuses everyone but staff with admin scopes.
 */
const temp = makeTempDir('strata-e2e-reports-');
let strata: StrataProcess;
let mod: TestUser, carl: TestUser, alice: TestUser, bob: TestUser;
let bobsPost: mastodon.v1.Status, bobsPrivatePost: mastodon.v1.Status, alicesPost: mastodon.v1.Status;
const ADMIN_SCOPES = 'read write follow admin:read admin:write';

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  ({ mod, carl } = (await signUpUsers(strata.url, ['mod', 'carl'], ADMIN_SCOPES)) as Record<'mod' | 'carl', TestUser>);
  ({ alice, bob } = (await signUpUsers(strata.url, ['alice', 'bob'])) as Record<'alice' | 'bob', TestUser>);
  const role = await runNode('packages/cli/src/main.ts', ['accounts', 'role', 'mod', 'moderator'], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });
  expect(role.code).toBe(0);
  const rule = await runNode('packages/cli/src/main.ts', ['instance', 'rules', 'add', 'No spam', '--hint', 'Advertising included'], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });
  expect(rule.code).toBe(0);
  await eventually(async () => (await mod.client.v1.admin.accounts.$select(bob.id).fetch()).id === bob.id);
  bobsPost = await bob.client.v1.statuses.create({ status: 'buy my stuff' });
  bobsPrivatePost = await bob.client.v1.statuses.create({ status: 'followers only', visibility: 'private' });
  alicesPost = await alice.client.v1.statuses.create({ status: 'hello' });
}, 60_000);

afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('instance rules', () => {
  it('are shown at /api/v1/instance/rules and in /api/v2/instance, and reports cite them', async () => {
    const rules = await eventually(async () => {
      const list = (await (await fetch(`${strata.url}/api/v1/instance/rules`)).json()) as { id: string; text: string; hint: string }[];
      return list.length > 0 && list;
    });
    expect(rules).toMatchObject([{ text: 'No spam', hint: 'Advertising included' }]);
    expect((await alice.client.v2.instance.fetch()).rules).toMatchObject([{ id: rules[0]!.id, text: 'No spam' }]);
    const cited = await alice.client.v1.reports.create({ accountId: bob.id, ruleIds: [rules[0]!.id], category: 'violation' });
    expect(cited).toMatchObject({ category: 'violation', ruleIds: [rules[0]!.id] });
    expect((await mod.client.v1.admin.reports.$select(cited.id).fetch()).rules).toMatchObject([{ id: rules[0]!.id, text: 'No spam' }]);
    await mod.client.v1.admin.reports.$select(cited.id).resolve();
    expect(await statusOf(alice.client.v1.reports.create({ accountId: bob.id, ruleIds: ['123456'], category: 'violation' }))).toBe(422);
  });
});

describe('filing a report', () => {
  let report: mastodon.v1.Report;

  it('answers the Report entity and tells the moderators', async () => {
    report = await alice.client.v1.reports.create({ accountId: bob.id, statusIds: [bobsPost.id], comment: 'spam again', category: 'spam', forward: false });
    expect(report).toMatchObject({ actionTaken: false, category: 'spam', comment: 'spam again', statusIds: [bobsPost.id], targetAccount: { id: bob.id } });
    const notification = await eventually(async () => (await mod.client.v1.notifications.list()).find((n) => n.type === 'admin.report' && n.report?.id === report.id));
    expect(notification).toMatchObject({ account: { id: alice.id }, report: { id: report.id, targetAccount: { id: bob.id } } });
    // nobody else hears of it
    expect((await bob.client.v1.notifications.list()).filter((n) => n.type === 'admin.report')).toEqual([]);
    expect((await carl.client.v1.notifications.list()).filter((n) => n.type === 'admin.report')).toEqual([]);
  });

  it('refuses statuses of another account, statuses the reporter cannot see, and long comments', async () => {
    expect(await statusOf(alice.client.v1.reports.create({ accountId: bob.id, statusIds: [alicesPost.id] }))).toBe(404);
    expect(await statusOf(alice.client.v1.reports.create({ accountId: bob.id, statusIds: [bobsPrivatePost.id] }))).toBe(404);
    expect(await statusOf(alice.client.v1.reports.create({ accountId: bob.id, comment: 'x'.repeat(1001) }))).toBe(400);
    expect(await statusOf(alice.client.v1.reports.create({ accountId: '999999999' }))).toBe(404);
    expect(await statusOf(alice.client.v1.reports.create({ accountId: alice.id }))).toBe(422);
  });

  it('keeps the admin API to staff with admin scopes', async () => {
    // a user token without admin scopes, and an admin-scoped token of someone who is not staff
    expect(await statusOf(alice.client.v1.admin.reports.list())).toBe(403);
    expect(await statusOf(carl.client.v1.admin.reports.list())).toBe(403);
    expect(await statusOf(carl.client.v1.admin.accounts.list())).toBe(403);
    expect(await statusOf(carl.client.v1.admin.reports.$select(report.id).resolve())).toBe(403);
    const anonymous = await fetch(`${strata.url}/api/v1/admin/reports`);
    expect(anonymous.status).toBe(401);
  });

  it('lets a moderator assign, resolve and reopen it, each step recorded', async () => {
    const listed = await mod.client.v1.admin.reports.list();
    expect(listed.map((r) => r.id)).toEqual([report.id]);
    expect(listed[0]).toMatchObject({ account: { id: alice.id, account: { id: alice.id } }, targetAccount: { id: bob.id, email: 'bob@example.com' }, assignedAccount: null });
    expect(listed[0]!.statuses.map((s) => s.id)).toEqual([bobsPost.id]);

    expect(await mod.client.v1.admin.reports.$select(report.id).assignToSelf()).toMatchObject({ assignedAccount: { id: mod.id } });
    expect(await mod.client.v1.admin.reports.$select(report.id).unassign()).toMatchObject({ assignedAccount: null });
    const resolved = await mod.client.v1.admin.reports.$select(report.id).resolve();
    expect(resolved).toMatchObject({ actionTaken: true, actionTakenByAccount: { id: mod.id } });
    expect(await mod.client.v1.admin.reports.list()).toEqual([]);
    expect((await mod.client.v1.admin.reports.list({ resolved: true })).map((r) => r.id)).toContain(report.id);
    expect(await mod.client.v1.admin.reports.$select(report.id).reopen()).toMatchObject({ actionTaken: false, actionTakenAt: null });
    expect(await statusOf(mod.client.v1.admin.reports.$select('12345').fetch())).toBe(404);
  });
});
