import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaFixtures } from '@strata/media/fixtures';
import { eventually, makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { DOCUMENTED_CLIENT_ENDPOINTS, type Fixtures, type Probe, probesFor } from './support/client-surface.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * Every client endpoint Mastodon 4.5 documents (mastodon/documentation, content/en/methods,
 * the admin API left to its own suite) is answered: each is called in turn with real ids of
 * objects made for it, and none may answer 404 — with real ids a 404 can only be a missing
 * route. Every account in every answer carries the custom emojis of its name.
 */
const temp = makeTempDir('strata-e2e-client-surface-');
let strata: StrataProcess;
let users: Fixtures['users'];
let f: Fixtures;

const call = async (user: TestUser | null, method: string, path: string, body?: unknown) => {
  const abort = new AbortController();
  const response = await fetch(`${strata.url}${path}`, {
    method,
    signal: abort.signal,
    headers: { ...(user && { authorization: `Bearer ${user.token}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  // streams never end: their status and type are the answer
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    abort.abort();
    return { status: response.status, json: null as unknown };
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, json };
};
const ok = async <T = Record<string, unknown>>(user: TestUser | null, method: string, path: string, body?: unknown): Promise<T> => {
  const { status, json } = await call(user, method, path, body);
  if (status >= 300) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(json)}`);
  return json as T;
};
const cli = (...args: string[]) => runNode('packages/cli/src/main.ts', args, { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path, env: { STRATA_TERMS_OF_SERVICE: 'Be kind.', STRATA_PRIVACY_POLICY: 'We keep little.', STRATA_SIGN_UP_LIMIT_PER_ADDRESS: '100' } });
  users = (await signUpUsers(strata.url, ['me', 'friend', 'asker', 'asker2', 'stranger', 'stranger2', 'extra'], 'read write follow push profile')) as Fixtures['users'];
  const { me, friend, asker, asker2, stranger, stranger2 } = users;

  // every name carries a custom emoji: each account rendered anywhere must list it
  const png = join(temp.path, 'blobcat.png');
  writeFileSync(png, await mediaFixtures.png(32, 32));
  expect((await cli('emojis', 'add', 'blobcat', png)).code).toBe(0);
  await eventually(async () => (await ok<unknown[]>(me, 'GET', '/api/v1/custom_emojis')).length === 1);
  for (const user of Object.values(users)) await ok(user, 'PATCH', '/api/v1/accounts/update_credentials', { display_name: `${user.username} :blobcat:` });

  // relationships: me and friend follow each other; two askers request to follow me once I lock
  await ok(me, 'POST', `/api/v1/accounts/${friend.id}/follow`);
  await ok(friend, 'POST', `/api/v1/accounts/${me.id}/follow`);
  await ok(me, 'PATCH', '/api/v1/accounts/update_credentials', { locked: true });
  await ok(asker, 'POST', `/api/v1/accounts/${me.id}/follow`);
  await ok(asker2, 'POST', `/api/v1/accounts/${me.id}/follow`);

  // statuses: mine, friend's with a poll, a quote of mine, a direct message, a throwaway
  const mine = await ok(me, 'POST', '/api/v1/statuses', { status: 'Hello #strata https://example.com/page', visibility: 'public' });
  await ok(me, 'PUT', `/api/v1/statuses/${String(mine['id'])}/interaction_policy`, { quote_approval_policy: 'public' });
  const poll = await ok(friend, 'POST', '/api/v1/statuses', { status: 'Which?', poll: { options: ['a', 'b'], expires_in: 3600 } });
  const quote = await ok(friend, 'POST', '/api/v1/statuses', { status: 'Look', quoted_status_id: mine['id'] });
  await ok(friend, 'POST', '/api/v1/statuses', { status: `@${me.username} between us`, visibility: 'direct' });
  const throwaway = await ok(me, 'POST', '/api/v1/statuses', { status: 'to be deleted' });
  await ok(friend, 'POST', `/api/v1/statuses/${String(mine['id'])}/favourite`);

  // notification requests: private mentions from strangers are set aside by default
  await ok(stranger, 'POST', '/api/v1/statuses', { status: `@${me.username} hi`, visibility: 'direct' });
  await ok(stranger2, 'POST', '/api/v1/statuses', { status: `@${me.username} hello`, visibility: 'direct' });

  // the rest of the objects the endpoints act on
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await mediaFixtures.png(8, 8))], { type: 'image/png' }), 'pixel.png');
  const media = (await (await fetch(`${strata.url}/api/v2/media`, { method: 'POST', headers: { authorization: `Bearer ${me.token}` }, body: form })).json()) as { id: string };
  const list = await ok(me, 'POST', '/api/v1/lists', { title: 'Friends' });
  await ok(me, 'POST', `/api/v1/lists/${String(list['id'])}/accounts`, { account_ids: [friend.id] });
  const filter = await ok(me, 'POST', '/api/v2/filters', { title: 'Spoilers', context: ['home'], filter_action: 'warn', keywords_attributes: [{ keyword: 'finale' }] });
  const filterStatus = await ok(me, 'POST', `/api/v2/filters/${String(filter['id'])}/statuses`, { status_id: poll['id'] });
  const filterV1 = await ok(me, 'POST', '/api/v1/filters', { phrase: 'plot', context: ['home'] });
  const scheduled = await ok(me, 'POST', '/api/v1/statuses', { status: 'later', scheduled_at: new Date(Date.now() + 3_600_000).toISOString() });
  const featuredTag = await ok(me, 'POST', '/api/v1/featured_tags', { name: 'strata' });
  const created = await cli('announcements', 'create', 'Maintenance tonight');
  const announcementId = /published announcement (\d+)/.exec(created.stdout)![1]!;

  const notifications = await eventually(async () => {
    const found = await ok<{ id: string; type: string; group_key: string }[]>(me, 'GET', '/api/v1/notifications');
    return found.some((n) => n.type === 'favourite') && found.some((n) => n.type === 'mention') ? found : undefined;
  });
  const conversations = await eventually(async () => {
    const found = await ok<{ id: string }[]>(me, 'GET', '/api/v1/conversations');
    return found.length ? found : undefined;
  });
  await eventually(async () => (await ok<unknown[]>(me, 'GET', '/api/v1/notifications/requests')).length === 2);
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const p256dh = publicKey.export({ format: 'der', type: 'spki' }).subarray(-65).toString('base64url');

  f = {
    users,
    statusId: String(mine['id']),
    pollStatusId: String(poll['id']),
    pollId: String((poll['poll'] as { id: string }).id),
    quoteId: String(quote['id']),
    throwawayId: String(throwaway['id']),
    mediaId: media.id,
    listId: String(list['id']),
    filterId: String(filter['id']),
    keywordId: String((filter['keywords'] as { id: string }[])[0]!.id),
    filterStatusId: String(filterStatus['id']),
    filterV1Id: String(filterV1['id']),
    scheduledId: String(scheduled['id']),
    featuredTagId: String(featuredTag['id']),
    announcementId,
    notificationId: notifications.find((n) => n.type === 'favourite')!.id,
    mentionNotificationId: notifications.find((n) => n.type === 'mention')!.id,
    groupKey: notifications.find((n) => n.type === 'favourite')!.group_key,
    conversationId: conversations[0]!.id,
    statusUrl: String(mine['url']),
    push: { endpoint: 'https://push.example/send/1', keys: { p256dh, auth: randomBytes(16).toString('base64url') } },
  };
}, 120_000);

afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

/** Accounts anywhere in an answer whose name uses :blobcat: but whose `emojis` do not list it. */
function accountsWithoutEmojis(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) accountsWithoutEmojis(item, found);
  else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (typeof object['acct'] === 'string' && typeof object['display_name'] === 'string' && object['display_name'].includes(':blobcat:')) {
      const emojis = object['emojis'] as { shortcode: string }[] | undefined;
      if (!emojis?.some((e) => e.shortcode === 'blobcat')) found.push(object['acct']);
    }
    for (const inner of Object.values(object)) accountsWithoutEmojis(inner, found);
  }
  return found;
}

describe('the client API surface of Mastodon 4.5', () => {
  it('probes every documented client endpoint', () => {
    const probed = new Set(probesFor(f).map((p) => p.endpoint));
    expect(DOCUMENTED_CLIENT_ENDPOINTS.filter((e) => !probed.has(e))).toEqual([]);
  });

  it("sums up a user's year in an annual report once the operator generates them, read once", async () => {
    const year = new Date().getUTCFullYear();
    const me = f.users.me;
    expect(await ok(me, 'GET', '/api/v1/annual_reports')).toEqual({ annual_reports: [], accounts: [expect.objectContaining({ id: me.id })], statuses: [] });
    expect((await call(me, 'GET', `/api/v1/annual_reports/${year}`)).status).toBe(404);
    expect(await cli('annual-reports', 'generate', String(year))).toMatchObject({ code: 0, stdout: expect.stringMatching(/^generated \d+ annual reports/) });
    const wrapped = await eventually(async () => {
      const answer = await ok<{ annual_reports: { year: number; account_id: string; data: Record<string, unknown> }[]; statuses: { id: string }[] }>(me, 'GET', '/api/v1/annual_reports');
      return answer.annual_reports.length ? answer : undefined;
    });
    const [report] = wrapped.annual_reports;
    expect(report).toMatchObject({ year, account_id: me.id, schema_version: 2, data: { archetype: 'oracle', top_hashtags: [{ name: 'strata', count: 1 }], top_statuses: { by_favourites: f.statusId } } });
    const series = report!.data['time_series'] as { month: number; statuses: number; following: number }[];
    expect(series.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(series[new Date().getUTCMonth()]).toMatchObject({ statuses: 2, following: 1 }); // its post and the one to delete; the scheduled one is not out yet
    expect(wrapped.statuses.map((s) => s.id)).toContain(f.statusId);
    // generating again changes nothing; reading takes it out of the pending list, not out of reach
    expect((await cli('annual-reports', 'generate', String(year))).stdout).toBe(`generated 0 annual reports for ${year}\n`);
    expect(await ok(me, 'POST', `/api/v1/annual_reports/${year}/read`)).toEqual({});
    expect((await ok<{ annual_reports: unknown[] }>(me, 'GET', '/api/v1/annual_reports')).annual_reports).toEqual([]);
    expect((await ok<{ annual_reports: unknown[] }>(me, 'GET', `/api/v1/annual_reports/${year}`)).annual_reports).toHaveLength(1);
    expect((await call(me, 'GET', `/api/v1/annual_reports/${year - 1}`)).status).toBe(404);
    expect((await call(f.users.extra, 'POST', `/api/v1/annual_reports/${year}/read`)).status).toBe(404);
  });

  it('answers every one of them, none with a 404, and renders every account with its emojis', async () => {
    const missing: string[] = [];
    const unexpected: string[] = [];
    const withoutEmojis = new Set<string>();
    for (const probe of probesFor(f) as Probe[]) {
      const { status, json } = await call(probe.as === null ? null : f.users[probe.as ?? 'me'], probe.method, probe.path, probe.body);
      const label = `${probe.method} ${probe.path} → ${status} ${JSON.stringify(json)?.slice(0, 120)}`;
      if (status === 404) missing.push(label);
      else if (probe.expect ? !probe.expect.includes(status) : status >= 400) unexpected.push(label);
      for (const acct of accountsWithoutEmojis(json)) withoutEmojis.add(`${acct} in ${probe.endpoint}`);
    }
    expect(missing).toEqual([]);
    expect(unexpected).toEqual([]);
    expect([...withoutEmojis]).toEqual([]);
  }, 120_000);
});
