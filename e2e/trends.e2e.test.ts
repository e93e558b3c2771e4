import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers } from './support/users.ts';

/** Trends through `masto`: computed from public activity, held back until a moderator approves, rejected again at will. */
const temp = makeTempDir('strata-e2e-trends-');
let strata: StrataProcess;
let mod: TestUser, alice: TestUser, bob: TestUser, carol: TestUser;
let party: { id: string }, hidden: { id: string };

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  const users = await signUpUsers(strata.url, ['mod', 'alice', 'bob', 'carol'], 'read write follow push admin:read admin:write');
  [mod, alice, bob, carol] = [users['mod']!, users['alice']!, users['bob']!, users['carol']!];
  const role = await runNode('packages/cli/src/main.ts', ['accounts', 'role', 'mod', 'admin'], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });
  expect(role.code).toBe(0);
  party = await alice.client.v1.statuses.create({ status: 'Come to the #StrataParty https://party.example/tonight' });
  await bob.client.v1.statuses.create({ status: 'See you at the #strataparty' });
  hidden = await alice.client.v1.statuses.create({ status: 'Only friends: #secretparty https://secret.example/', visibility: 'private' });
  for (const user of [bob, carol]) {
    await user.client.v1.statuses.$select(party.id).favourite();
    await user.client.v1.statuses.$select(party.id).reblog();
  }
  await bob.client.v1.statuses.$select(hidden.id).favourite().catch(() => undefined);
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

const linkTimeline = async (url: string) => {
  const response = await fetch(`${strata.url}/api/v1/timelines/link?url=${encodeURIComponent(url)}`);
  return { status: response.status, body: (await response.json()) as { id: string }[] };
};

const admin = async (user: TestUser, path: string, method = 'GET') => {
  const response = await fetch(`${strata.url}/api/v1/admin/trends/${path}`, { method, headers: { authorization: `Bearer ${user.token}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>[] & Record<string, unknown> };
};

describe('trends before review', () => {
  it('shows nothing publicly, and moderators every public item with its review pending', async () => {
    expect(await alice.client.v1.trends.tags.list()).toEqual([]);
    expect(await alice.client.v1.trends.statuses.list()).toEqual([]);
    expect(await alice.client.v1.trends.links.list()).toEqual([]);
    const tags = await eventually(async () => (await admin(mod, 'tags')).body.length > 0 && (await admin(mod, 'tags')).body);
    expect(tags).toMatchObject([{ id: 'strataparty', name: 'strataparty', requires_review: true, trendable: false }]);
    expect((tags[0]!['history'] as { accounts: string }[])[0]!.accounts).toBe('2');
    const statuses = (await admin(mod, 'statuses')).body;
    expect(statuses.map((s) => s['id'])).toEqual([party.id]);
    expect((await admin(mod, 'links')).body.map((l) => l['url'])).toEqual(['https://party.example/tonight']);
    // the link timeline lists statuses of trending links only
    expect((await linkTimeline('https://party.example/tonight')).status).toBe(404);
  });

  it('refuses the admin trends to anyone but staff, in Mastodon\'s error shape', async () => {
    const refused = await admin(alice, 'tags');
    expect(refused.status).toBe(403);
    expect(refused.body).toHaveProperty('error');
    expect((await admin(alice, 'tags/strataparty/approve', 'POST')).status).toBe(403);
    expect((await admin(mod, 'tags/nosuchtag/approve', 'POST')).status).toBe(404);
  });
});

describe('reviewed trends', () => {
  it('shows approved items publicly, to anyone', async () => {
    expect((await admin(mod, 'tags/StrataParty/approve', 'POST')).body).toMatchObject({ name: 'strataparty', trendable: true, requires_review: false });
    expect((await admin(mod, `statuses/${party.id}/approve`, 'POST')).body).toMatchObject({ id: party.id, trendable: true });
    const [link] = (await admin(mod, 'links')).body;
    expect((await admin(mod, `links/${String(link!['id'])}/approve`, 'POST')).status).toBe(200);
    expect((await alice.client.v1.trends.tags.list()).map((t) => t.name)).toEqual(['strataparty']);
    const anonymous = await (await fetch(`${strata.url}/api/v1/trends/statuses`)).json() as { id: string }[];
    expect(anonymous.map((s) => s.id)).toEqual([party.id]);
    expect((await carol.client.v1.trends.links.list()).map((l) => l.url)).toEqual(['https://party.example/tonight']);
    expect(await linkTimeline('https://party.example/tonight')).toEqual({ status: 200, body: [expect.objectContaining({ id: party.id })] });
    expect((await linkTimeline('https://secret.example/')).status).toBe(404);
    expect((await fetch(`${strata.url}/api/v1/timelines/link?url=not-a-url`)).status).toBe(400);
    // the deprecated alias of the tags
    expect(((await (await fetch(`${strata.url}/api/v1/trends`)).json()) as { name: string }[]).map((t) => t.name)).toEqual(['strataparty']);
  });

  it('drops a rejected item and a status its author deleted', async () => {
    await admin(mod, 'tags/strataparty/reject', 'POST');
    expect(await alice.client.v1.trends.tags.list()).toEqual([]);
    await alice.client.v1.statuses.$select(party.id).remove();
    expect(await bob.client.v1.trends.statuses.list()).toEqual([]);
    expect((await linkTimeline('https://party.example/tonight')).body).toEqual([]);
    expect((await admin(mod, 'statuses')).body).toEqual([]);
  });
});
