import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '@strata/commands';
import { openSqliteEventStore } from '@strata/event-store';
import { openSqliteReadModels } from '@strata/read-models';
import { snowflakes, systemClock } from '@strata/kernel';
import { eventually, makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';

/**
 * The foundation as a new user meets it: `pnpm start`'s entry point as a real process,
 * the operator CLI writing events from another process, and the projection surviving
 * a hard kill.
 */
const temp = makeTempDir('strata-e2e-foundation-');
let strata: StrataProcess;
// API answers are read loosely here; the field-by-field shape is what each test asserts
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const getJson = async (path: string) => {
  const response = await fetch(`${strata.url}${path}`);
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
};
const cli = (...args: string[]) => runNode('packages/cli/src/main.ts', args, { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('a fresh instance', () => {
  it('serves the v1 and v2 instance documents from its configuration', async () => {
    const v1 = await getJson('/api/v1/instance');
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({
      uri: `localhost:${strata.port}`,
      title: 'Strata',
      urls: { streaming_api: `ws://localhost:${strata.port}` },
      stats: { user_count: 0, status_count: 0, domain_count: 0 },
      registrations: true,
      configuration: { statuses: { max_characters: 500, characters_reserved_per_url: 23 } },
    });
    expect(v1.body['version']).toMatch(/^4\.\d+\.\d+ \(compatible; Strata /);
    const v2 = await getJson('/api/v2/instance');
    expect(v2.body).toMatchObject({
      domain: `localhost:${strata.port}`,
      configuration: { urls: { streaming: `ws://localhost:${strata.port}` } },
      registrations: { enabled: true, approval_required: false },
      api_versions: { mastodon: 2 },
    });
    expect(v2.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('serves NodeInfo through its discovery document', async () => {
    const discovery = await getJson('/.well-known/nodeinfo');
    const href = discovery.body['links'][0].href as string;
    expect(href).toBe(`http://localhost:${strata.port}/nodeinfo/2.1`);
    expect((await getJson('/nodeinfo/2.1')).body).toMatchObject({ version: '2.1', software: { name: 'strata' }, usage: { users: { total: 0 }, localPosts: 0 } });
    const nodeinfo = await getJson('/nodeinfo/2.0');
    expect(nodeinfo.body).toMatchObject({
      version: '2.0',
      software: { name: 'strata' },
      protocols: ['activitypub'],
      openRegistrations: true,
      usage: { users: { total: 0 }, localPosts: 0 },
    });
  });

  it('answers health checks and unknown API paths like Mastodon', async () => {
    const health = await fetch(`${strata.url}/health`);
    expect(await health.text()).toBe('OK');
    expect(health.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
    const missing = await getJson('/api/v1/nothing-here');
    expect(missing).toMatchObject({ status: 404, body: { error: 'Record not found' } });
    expect((await getJson('/api/v1/accounts/not-an-id')).status).toBe(404);
  });
});

describe('an account created by the operator CLI', () => {
  let accountId: string;

  it('travels command → store → log → projection → query', async () => {
    const created = await cli('accounts', 'create', 'Alice', '--email', 'alice@example.com', '--role', 'owner');
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(/new password: \S{20,}/);
    expect(created.code).toBe(0);
    accountId = /with id (\d+)/.exec(created.stdout)![1]!;
    const account = await eventually(async () => {
      const lookup = await getJson('/api/v1/accounts/lookup?acct=alice');
      return lookup.status === 200 ? lookup.body : undefined;
    });
    expect(account).toMatchObject({ id: accountId, username: 'Alice', acct: 'Alice', followers_count: 0 });
    expect(account!['created_at']).toMatch(/^\d{4}-\d\d-\d\dT00:00:00\.000Z$/);
    expect((await getJson(`/api/v1/accounts/${accountId}`)).body['username']).toBe('Alice');
    expect((await getJson('/nodeinfo/2.0')).body['usage'].users.total).toBe(1);
    expect((await getJson('/api/v1/instance')).body['stats'].user_count).toBe(1);
  });

  it('keeps usernames unique whatever their case', async () => {
    const again = await cli('accounts', 'create', 'ALICE', '--email', 'other@example.com');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('has already been taken');
    expect((await cli('accounts', 'create', 'bad name', '--email', 'b@example.com')).stderr).toContain('ERR_INVALID');
    expect((await cli('accounts', 'create', 'x', '--email', 'x@example.com', '--role', 'emperor')).code).toBe(1);
    expect((await cli('accounts', 'create', 'y')).stderr).toContain('--email is required');
  });
});

describe('a hard kill between append and projection', () => {
  it('loses nothing: the projection resumes from its checkpoint', async () => {
    // SIGKILL: no graceful stop, no checkpoint saved on the way out
    expect(await strata.kill('SIGKILL')).toBe(null);
    const store = openSqliteEventStore({ path: join(temp.path, 'events.db') });
    const deps = { store, ids: snowflakes, clock: systemClock };
    const names = Array.from({ length: 300 }, (_, i) => `crash${i}`);
    try {
      for (const name of names) {
        await registerAccount(deps, { username: name, role: 'user', approved: true }, { correlationId: randomUUID() });
      }
    } finally {
      await store.close();
    }
    // appended, not projected
    const readModels = openSqliteReadModels({ path: join(temp.path, 'read-models.db') });
    expect(await readModels.collection('accounts').count()).toBe(1);
    await readModels.close();

    strata = await startStrataProcess({ dataDir: temp.path });
    await eventually(async () => (await getJson('/nodeinfo/2.0')).body['usage'].users.total === 301, 15_000);
    for (const name of [names[0]!, names[150]!, names.at(-1)!]) {
      expect((await getJson(`/api/v1/accounts/lookup?acct=${name}`)).status).toBe(200);
    }
  });

  it('rebuilds every read model from the log with the operator CLI', async () => {
    await strata.kill();
    const rebuilt = await cli('projections', 'rebuild');
    expect(rebuilt.stdout).toMatch(/rebuilt the read models from \d+ events/);
    strata = await startStrataProcess({ dataDir: temp.path });
    expect((await getJson('/nodeinfo/2.0')).body['usage'].users.total).toBe(301);
    expect((await getJson('/api/v1/accounts/lookup?acct=crash42')).status).toBe(200);
  });

  it('refuses to start on bad configuration, naming the variable', async () => {
    const result = await runNode('services/gateway/src/start-embedded.ts', [], { PORT: 'eighty', STRATA_DATA: temp.path });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT');
  });
});
