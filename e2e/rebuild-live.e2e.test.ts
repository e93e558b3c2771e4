import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * `strata projections rebuild` on a running instance: the new read-model version is
 * built beside the live one while a client keeps posting and reading through the API;
 * every request succeeds, the live projector takes the new version over and readers
 * switch to it, and what they then read is what they read before plus every post made
 * during the rebuild.
 */
const temp = makeTempDir('strata-e2e-rebuild-live-');
let strata: StrataProcess;
let alice: TestUser;
let bob: TestUser;

// API answers are read loosely here; the field-by-field shape is what each test asserts
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const api = async (user: TestUser, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${strata.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${user.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Json };
};

/** Every page of a timeline, newest first. */
async function everything(user: TestUser, path: string): Promise<Json[]> {
  const items: Json[] = [];
  let maxId = '';
  for (;;) {
    const page = await api(user, 'GET', `${path}${path.includes('?') ? '&' : '?'}limit=40${maxId ? `&max_id=${maxId}` : ''}`);
    expect(page.status).toBe(200);
    if (page.body.length === 0) return items;
    items.push(...page.body);
    maxId = page.body.at(-1).id;
  }
}

/** What the read models say, through the API: the figures a rebuild must reproduce. */
async function snapshot() {
  const account = (await api(alice, 'GET', `/api/v1/accounts/${alice.id}`)).body;
  const statuses = await everything(alice, `/api/v1/accounts/${alice.id}/statuses`);
  const home = await everything(bob, '/api/v1/timelines/home');
  const notifications = await everything(alice, '/api/v1/notifications');
  const tagged = await everything(bob, '/api/v1/timelines/tag/rebuilt');
  return {
    tagged: tagged.map((status) => status.id),
    counts: { statuses: account.statuses_count, followers: account.followers_count },
    statuses: statuses.map((status) => ({ id: status.id, content: status.content, favourites: status.favourites_count, replies: status.replies_count })),
    home: home.map((status) => status.id),
    notifications: notifications.map((notification) => `${notification.type}:${notification.account.id}:${notification.status?.id ?? ''}`),
  };
}

beforeAll(async () => (strata = await startStrataProcess({ dataDir: temp.path })));
afterAll(async () => (await strata?.kill(), temp.remove()));

describe('a projection rebuild on a running instance', () => {
  it('builds the new version beside the live one and switches readers to it without a failed request or a lost write', async () => {
    ({ alice, bob } = (await signUpUsers(strata.url, ['alice', 'bob'])) as { alice: TestUser; bob: TestUser });
    expect((await api(bob, 'POST', `/api/v1/accounts/${alice.id}/follow`)).status).toBe(200);
    for (let i = 0; i < 30; i++) {
      const posted = await api(alice, 'POST', '/api/v1/statuses', { status: `before the rebuild #${i}${i % 4 === 0 ? ' #Rebuilt' : ''}` });
      expect(posted.status).toBe(200);
      // edits that take a tag away and add one: the status–tag read model must come back as they left it
      if (i === 4) expect((await api(alice, 'PUT', `/api/v1/statuses/${posted.body.id}`, { status: 'no longer tagged' })).status).toBe(200);
      if (i === 5) expect((await api(alice, 'PUT', `/api/v1/statuses/${posted.body.id}`, { status: 'tagged later #rebuilt' })).status).toBe(200);
      if (i % 3 === 0) expect((await api(bob, 'POST', `/api/v1/statuses/${posted.body.id}/favourite`)).status).toBe(200);
      if (i % 5 === 0) expect((await api(bob, 'POST', '/api/v1/statuses', { status: `@alice reply #${i}`, in_reply_to_id: posted.body.id })).status).toBe(200);
    }
    const before = await snapshot();
    expect(before.counts).toEqual({ statuses: 30, followers: 1 });

    // the client keeps working while the rebuild runs in another process (on the server's
    // port, which makes its public URL: the hashtag links in rendered content carry it)
    const rebuild = runNode('packages/cli/src/main.ts', ['projections', 'rebuild', '--grace-seconds', '1'], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn', PORT: new URL(strata.url).port });
    let rebuilding = true;
    void rebuild.finally(() => (rebuilding = false));
    const during: { id: string; content: string }[] = [];
    const failures: string[] = [];
    while (rebuilding || during.length < 5) {
      const posted = await api(alice, 'POST', '/api/v1/statuses', { status: `during the rebuild #${during.length}` });
      if (posted.status !== 200) failures.push(`POST /api/v1/statuses answered ${posted.status}: ${JSON.stringify(posted.body)}`);
      else {
        during.push({ id: posted.body.id, content: posted.body.content });
        const read = await api(alice, 'GET', `/api/v1/statuses/${posted.body.id}`);
        if (read.status !== 200) failures.push(`GET of the status just posted answered ${read.status}`);
      }
      const home = await api(bob, 'GET', '/api/v1/timelines/home?limit=5');
      if (home.status !== 200) failures.push(`GET /api/v1/timelines/home answered ${home.status}`);
    }
    const result = await rebuild;
    expect(result.stderr).toMatch(/version 2: \d+ events projected, \d+ behind the head/);
    expect(result.stderr).toContain('readers switched from version 1 to version 2');
    expect(result.stderr).toContain('version 1 dropped');
    expect(result.stdout).toMatch(/rebuilt the read models from \d+ events in [\d.]+ s \(version 2 replaces version 1\)/);
    expect(result.code).toBe(0);
    expect(failures).toEqual([]);
    // the live projector took the new version over (it was running), rather than the rebuild switching alone
    expect(strata.output()).toContain('taking over the rebuilt read models');

    // one more write after the switch: the live projector now writes version 2
    const after = await api(alice, 'POST', '/api/v1/statuses', { status: 'after the rebuild' });
    expect(after.status).toBe(200);
    const now = await snapshot();
    const written = [after.body.id, ...during.map((status) => status.id).reverse()];
    expect(now.counts).toEqual({ statuses: 30 + during.length + 1, followers: 1 });
    expect(now.statuses.map((status) => status.id)).toEqual([...written, ...before.statuses.map((status) => status.id)]);
    // the statuses from before read exactly as they did, counters included
    expect(now.statuses.slice(written.length)).toEqual(before.statuses);
    expect(now.home).toEqual([...written, ...before.home]);
    expect(now.notifications).toEqual(before.notifications);
    expect(before.tagged).toHaveLength(8);
    expect(now.tagged).toEqual(before.tagged);

    // the old version's tables are gone; the active one is version 2
    const db = new DatabaseSync(join(temp.path, 'read-models.db'), { readOnly: true });
    const record = new DatabaseSync(join(temp.path, 'read-models.versions.db'), { readOnly: true });
    try {
      const state = JSON.parse((record.prepare('SELECT state FROM read_model_versions').get() as { state: string }).state);
      expect(state).toMatchObject({ active: 2, last: 2 });
      expect(state.handoff).toBeUndefined();
      const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((row) => row.name);
      expect(tables.filter((name) => name.startsWith('rm_') && !['rm_account_archives', 'rm_bulk_imports'].includes(name))).toEqual([]);
      expect(tables).toContain('v2_rm_statuses');
    } finally {
      db.close();
      record.close();
    }
  });
});
