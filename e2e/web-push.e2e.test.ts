import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRestAPIClient } from 'masto';
import { eventually, makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { startPushEndpoint } from './support/push-endpoint.ts';
import { type TestUser, signUpUsers, statusOf } from './support/users.ts';

/** Web Push through `masto`: subscriptions per token, payloads decrypted by a local push service, retries across a restart. */
const temp = makeTempDir('strata-e2e-push-');
const env = { STRATA_FEDERATION_ALLOW_PRIVATE: 'true' };
let strata: StrataProcess;
let push: Awaited<ReturnType<typeof startPushEndpoint>>;
let alice: TestUser, bob: TestUser, carol: TestUser, dave: TestUser;

beforeAll(async () => {
  push = await startPushEndpoint();
  strata = await startStrataProcess({ dataDir: temp.path, env });
  const users = await signUpUsers(strata.url, ['alice', 'bob', 'carol', 'dave']);
  [alice, bob, carol, dave] = [users['alice']!, users['bob']!, users['carol']!, users['dave']!];
});
// a push that never arrives says nothing by itself: show what the server warned about
afterEach(({ task }) => {
  if (task.result?.state !== 'fail') return;
  const warnings = strata.output().split('\n').filter((line) => /"level":(40|50|60)/.test(line));
  console.error(`strata warnings and errors:\n${warnings.slice(-40).join('\n')}`);
});
afterAll(async () => {
  await strata?.kill();
  await push?.close();
  temp.remove();
});

const pushesTo = (path: string) => push.received.filter((p) => p.path === path).map((p) => p.payload);
const post = (url: string, token: string, path: string, body: unknown, method = 'POST') =>
  fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('push subscriptions', () => {
  it('subscribes the token with the instance key, shows it, changes its alerts and removes it', async () => {
    const device = push.device('settings');
    expect(await statusOf(alice.client.v1.push.subscription.fetch())).toBe(404);
    const created = await alice.client.v1.push.subscription.create({ subscription: { endpoint: device.endpoint, keys: device.keys }, data: { alerts: { mention: true, reblog: true } }, policy: 'followed' });
    const instance = await alice.client.v2.instance.fetch();
    expect(instance.configuration.vapid.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(created).toMatchObject({ endpoint: device.endpoint, serverKey: instance.configuration.vapid.publicKey, policy: 'followed' });
    expect(created.alerts).toMatchObject({ mention: true, reblog: true, favourite: false, follow: false });
    expect(await alice.client.v1.push.subscription.fetch()).toEqual(created);
    const updated = await alice.client.v1.push.subscription.update({ data: { alerts: { favourite: true } } });
    expect(updated).toMatchObject({ id: created.id, policy: 'all', alerts: { favourite: true, mention: false } });
    // one subscription per token: another token of the same account has none
    expect(await statusOf(createRestAPIClient({ url: strata.url, accessToken: bob.token }).v1.push.subscription.fetch())).toBe(404);
    await alice.client.v1.push.subscription.remove();
    expect(await statusOf(alice.client.v1.push.subscription.fetch())).toBe(404);
    expect(await statusOf(alice.client.v1.push.subscription.update({ data: { alerts: { mention: true } } }))).toBe(404);
  });

  it('refuses malformed subscriptions in Mastodon error shape', async () => {
    const device = push.device('bad');
    const missing = await post(strata.url, alice.token, '/api/v1/push/subscription', { subscription: { endpoint: device.endpoint } });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toHaveProperty('error');
    const badKey = await post(strata.url, alice.token, '/api/v1/push/subscription', { subscription: { endpoint: device.endpoint, keys: { p256dh: 'AAAA', auth: device.keys.auth } } });
    expect(badKey.status).toBe(422);
    expect(await badKey.json()).toMatchObject({ error: expect.stringContaining('p256dh') });
    const badPolicy = await post(strata.url, alice.token, '/api/v1/push/subscription', { subscription: { endpoint: device.endpoint, keys: device.keys }, data: { policy: 'everyone' } });
    expect(badPolicy.status).toBe(400);
    expect(await statusOf(alice.client.v1.push.subscription.fetch())).toBe(404);
  });
});

describe('push delivery', () => {
  it('pushes a mention encrypted with aes128gcm, signed with the instance VAPID key, with Mastodon payload', async () => {
    const device = push.device('alice');
    const subscription = await alice.client.v1.push.subscription.create({ subscription: { endpoint: device.endpoint, keys: device.keys, standard: true } as never, data: { alerts: { mention: true, follow: true } }, policy: 'all' });
    await bob.client.v1.accounts.updateCredentials({ displayName: 'Bob B' });
    const status = await bob.client.v1.statuses.create({ status: '@alice lunch at noon?' });
    const [payload] = await eventually(() => pushesTo(device.path).length > 0 && pushesTo(device.path));
    const [notification] = await alice.client.v1.notifications.list({ types: ['mention'] });
    expect(notification!.status!.id).toBe(status.id);
    expect(payload).toEqual({
      access_token: alice.token,
      preferred_locale: 'en',
      notification_id: notification!.id,
      notification_type: 'mention',
      icon: expect.stringMatching(/^http/),
      title: 'You were mentioned by Bob B',
      body: '@alice lunch at noon?',
    });
    const request = push.received.find((p) => p.path === device.path)!;
    expect(request.headers['content-encoding']).toBe('aes128gcm');
    expect(String(request.headers['authorization'])).toContain(`k=${subscription.serverKey}`);
    expect(request.headers['ttl']).toBeDefined();
    expect(push.failures).toEqual([]);
  });

  it('pushes with the legacy aesgcm encoding when the subscription is not standard', async () => {
    const device = push.device('carol');
    await carol.client.v1.push.subscription.create({ subscription: { endpoint: device.endpoint, keys: device.keys }, data: { alerts: { follow: true } }, policy: 'all' });
    await dave.client.v1.accounts.$select(carol.id).follow();
    const [payload] = await eventually(() => pushesTo(device.path).length > 0 && pushesTo(device.path));
    expect(payload).toMatchObject({ notification_type: 'follow', title: 'dave followed you', access_token: carol.token });
    expect(push.received.find((p) => p.path === device.path)!.headers['content-encoding']).toBe('aesgcm');
  });

  it('pushes only the alerts asked for, by the policy, and nothing the recipient may not see', async () => {
    const device = push.device('policy');
    await alice.client.v1.push.subscription.create({ subscription: { endpoint: device.endpoint, keys: device.keys }, data: { alerts: { mention: true } }, policy: 'followed' });
    await alice.client.v1.accounts.$select(bob.id).follow();
    await alice.client.v1.accounts.$select(dave.id).follow();
    await alice.client.v1.accounts.$select(dave.id).block();
    const [liked] = await alice.client.v1.statuses.create({ status: 'a post to like' }).then((s) => [s]);
    await bob.client.v1.statuses.$select(liked!.id).favourite(); // favourites not asked for
    await carol.client.v1.statuses.create({ status: '@alice from someone alice does not follow' }); // policy
    await dave.client.v1.statuses.create({ status: '@alice from a blocked account' }); // visibility
    await bob.client.v1.statuses.create({ status: '@alice the one that counts' });
    await eventually(() => pushesTo(device.path).length > 0);
    // the last one arrived: the earlier ones were decided before it (one fan-out per event, in log order)
    await eventually(async () => (await alice.client.v1.notifications.list({ types: ['favourite'] })).length > 0);
    expect(pushesTo(device.path).map((p) => p['body'])).toEqual(['@alice the one that counts']);
  });

  it('drops a subscription whose push service answers 410 Gone', async () => {
    const device = push.device('gone');
    await bob.client.v1.push.subscription.create({ subscription: { endpoint: device.endpoint, keys: device.keys }, data: { alerts: { mention: true } }, policy: 'all' });
    push.answer(device.path, 410);
    await carol.client.v1.statuses.create({ status: '@bob are you there?' });
    await eventually(async () => (await statusOf(bob.client.v1.push.subscription.fetch())) === 404, 10_000);
    expect(push.attempts.filter((p) => p === device.path)).toHaveLength(1);
  });
});

describe('push delivery across a restart', () => {
  /** The device's send job as the job queue holds it: failed at least once and waiting for its next attempt, not running. */
  const waitingRetry = () => {
    const db = new DatabaseSync(join(temp.path, 'jobs.db'), { readOnly: true });
    try {
      const rows = db.prepare("SELECT run_at, locked_until, last_error FROM jobs WHERE queue = 'push.send'").all() as { run_at: number; locked_until: number | null; last_error: string | null }[];
      return rows.some((row) => row.last_error !== null && row.locked_until === null && row.run_at > Date.now() + 500);
    } finally {
      db.close();
    }
  };

  it('retries a failed push after the server is killed and started again on the same data', async () => {
    const device = push.device('restart');
    await dave.client.v1.push.subscription.create({ subscription: { endpoint: device.endpoint, keys: device.keys }, data: { alerts: { mention: true } }, policy: 'all' });
    push.hold(device.path);
    await carol.client.v1.statuses.create({ status: '@dave still up after the crash?' });
    // the push service failed it; the retry waits in the job queue while the process dies
    await eventually(() => push.attempts.includes(device.path) && waitingRetry(), 15_000);
    await strata.kill('SIGKILL');
    strata = await startStrataProcess({ dataDir: temp.path, env });
    push.release(device.path);
    const [payload] = await eventually(() => pushesTo(device.path).length > 0 && pushesTo(device.path), 20_000);
    expect(payload).toMatchObject({ notification_type: 'mention', body: '@dave still up after the crash?', access_token: dave.token });
    expect(push.attempts.filter((p) => p === device.path).length).toBeGreaterThanOrEqual(2);
  });
});
