import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers, statusOf } from './support/users.ts';

/**
 * Moderators act on accounts through Mastodon's admin API: lists with filters (v1 and v2),
 * silence (out of public feeds, tag feeds and search for non-followers), sensitive,
 * disable (with a report resolved), suspend, and lifting each again.
 */
const temp = makeTempDir('strata-e2e-admin-accounts-');
let strata: StrataProcess;
let mod: TestUser, sam: TestUser, fan: TestUser, stranger: TestUser, dis: TestUser;
const ADMIN_SCOPES = 'read write follow admin:read admin:write';
const ids = (items: { id: string }[]) => items.map((item) => item.id);
const v2 = async (token: string, query: string) => {
  const response = await fetch(`${strata.url}/api/v2/admin/accounts?${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as { id: string; username: string }[] };
};

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  ({ mod } = (await signUpUsers(strata.url, ['mod'], ADMIN_SCOPES)) as Record<'mod', TestUser>);
  ({ sam, fan, stranger, dis } = (await signUpUsers(strata.url, ['sam', 'fan', 'stranger', 'dis'])) as Record<'sam' | 'fan' | 'stranger' | 'dis', TestUser>);
  const role = await runNode('packages/cli/src/main.ts', ['accounts', 'role', 'mod', 'admin'], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });
  expect(role.code).toBe(0);
  await eventually(async () => (await mod.client.v1.admin.accounts.$select(sam.id).fetch()).id === sam.id);
  await fan.client.v1.accounts.$select(sam.id).follow();
}, 60_000);

afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('admin account lists', () => {
  it('filters v1 by origin, username and staff, and v2 by origin, status and permissions', async () => {
    expect(ids(await mod.client.v1.admin.accounts.list({ local: true, username: 'st' }))).toEqual([stranger.id]);
    expect((await mod.client.v1.admin.accounts.list({ remote: true }))).toEqual([]);
    const staff = await mod.client.v1.admin.accounts.list({ staff: true });
    expect(staff).toMatchObject([{ id: mod.id, role: { name: 'Admin' }, email: 'mod@example.com' }]);
    expect(ids((await v2(mod.token, 'origin=local&status=active&username=d')).body)).toEqual([dis.id]);
    expect(ids((await v2(mod.token, 'permissions=staff')).body)).toEqual([mod.id]);
    expect((await v2(stranger.token, 'origin=local')).status).toBe(403);
    expect((await v2(mod.token, 'status=sleeping')).status).toBe(400);
  });
});

describe('admin actions', () => {
  it('silences: out of public and tag timelines and search for non-followers, still there for followers', async () => {
    const post = await sam.client.v1.statuses.create({ status: 'loud silencedword #shouting' });
    await mod.client.v1.admin.accounts.$select(sam.id).action.create({ type: 'silence', text: 'calm down' });
    expect(await mod.client.v1.admin.accounts.$select(sam.id).fetch()).toMatchObject({ silenced: true, suspended: false });
    expect(ids(await stranger.client.v1.timelines.public.list())).not.toContain(post.id);
    expect(ids(await stranger.client.v1.timelines.tag.$select('shouting').list())).not.toContain(post.id);
    expect(ids((await stranger.client.v2.search.list({ q: 'silencedword', type: 'statuses' })).statuses)).not.toContain(post.id);
    expect((await stranger.client.v1.statuses.$select(post.id).fetch()).id).toBe(post.id);
    expect(ids(await fan.client.v1.timelines.public.list())).toContain(post.id);
    expect(ids(await fan.client.v1.timelines.home.list())).toContain(post.id);
    expect(await mod.client.v1.admin.accounts.$select(sam.id).unsilence()).toMatchObject({ silenced: false });
    expect(ids(await stranger.client.v1.timelines.public.list())).toContain(post.id);
  });

  it('marks every status sensitive, and lifts it', async () => {
    const post = await sam.client.v1.statuses.create({ status: 'a picture, probably' });
    expect(post.sensitive).toBe(false);
    await mod.client.v1.admin.accounts.$select(sam.id).action.create({ type: 'sensitive' });
    expect((await stranger.client.v1.statuses.$select(post.id).fetch()).sensitive).toBe(true);
    expect(await mod.client.v1.admin.accounts.$select(sam.id).unsensitive()).toMatchObject({ sensitized: false });
    expect((await stranger.client.v1.statuses.$select(post.id).fetch()).sensitive).toBe(false);
  });

  it('disables sign-in, resolving the report that asked for it, and enables again', async () => {
    const report = await stranger.client.v1.reports.create({ accountId: dis.id, comment: 'abuse', category: 'other' });
    await mod.client.v1.admin.accounts.$select(dis.id).action.create({ type: 'disable', reportId: report.id, text: 'cooling off' });
    expect(await mod.client.v1.admin.accounts.$select(dis.id).fetch()).toMatchObject({ disabled: true });
    expect(await statusOf(dis.client.v1.accounts.verifyCredentials())).toBe(401);
    expect(await mod.client.v1.admin.reports.$select(report.id).fetch()).toMatchObject({ actionTaken: true, actionTakenByAccount: { id: mod.id } });
    expect(await mod.client.v1.admin.accounts.$select(dis.id).enable()).toMatchObject({ disabled: false });
    // a report about someone else cannot be resolved through this account
    const other = await stranger.client.v1.reports.create({ accountId: sam.id, category: 'spam' });
    expect(await statusOf(mod.client.v1.admin.accounts.$select(dis.id).action.create({ type: 'none', reportId: other.id }))).toBe(404);
  });

  it('suspends and unsuspends; deletes only a suspended account; never acts on itself', async () => {
    const remove = (id: string) => fetch(`${strata.url}/api/v1/admin/accounts/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${mod.token}` } });
    expect((await remove(stranger.id)).status).toBe(403);
    await mod.client.v1.admin.accounts.$select(stranger.id).action.create({ type: 'suspend' });
    expect(await statusOf(fan.client.v1.accounts.$select(stranger.id).fetch())).toBe(404);
    expect(await mod.client.v1.admin.accounts.$select(stranger.id).unsuspend()).toMatchObject({ suspended: false });
    expect((await fan.client.v1.accounts.$select(stranger.id).fetch()).id).toBe(stranger.id);
    expect(await statusOf(mod.client.v1.admin.accounts.$select(mod.id).action.create({ type: 'suspend' }))).toBe(403);
    expect(await statusOf(mod.client.v1.admin.accounts.$select(sam.id).action.create({ type: 'vanish' as 'none' }))).toBe(400);
  });
});
