import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { RawStreamClient } from './support/stream-client.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * Scale-out: the projector publishes through the real Redis on this machine, and two
 * separate streaming processes each serve a client that receives the same post.
 */
const temp = makeTempDir('strata-e2e-scale-');
const processes: StrataProcess[] = [];
let alice: TestUser;
let bob: TestUser;
let nodes: StrataProcess[];

beforeAll(async () => {
  const port = await freePort();
  // the domain names the Redis key prefix, so parallel runs never hear each other
  const env = { STRATA_PUBSUB: 'redis', STRATA_DOMAIN: `localhost:${port}`, STRATA_REDIS_URL: process.env['STRATA_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379' };
  const main = await startStrataProcess({ dataDir: temp.path, port, env });
  processes.push(main);
  nodes = await Promise.all(
    [0, 1].map(() => startStrataProcess({ dataDir: temp.path, env, entry: 'services/streaming/src/main.ts', readyText: 'streaming started' })),
  );
  processes.push(...nodes);
  const users = await signUpUsers(main.url, ['alice', 'bob']);
  [alice, bob] = [users['alice']!, users['bob']!];
  await bob.client.v1.accounts.$select(alice.id).follow();
});
afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill()));
  temp.remove();
});

describe('two streaming processes on Redis', () => {
  it('deliver the same post to a client on each', async () => {
    const clients = await Promise.all(
      nodes.map((node) => RawStreamClient.connect(`${node.url.replace('http', 'ws')}/api/v1/streaming?stream=user`, { token: bob.token })),
    );
    try {
      // each node has subscribed bob's user stream once it has answered a later message
      await Promise.all(clients.map((client) => client.settled()));
      const post = await alice.client.v1.statuses.create({ status: 'to every node' });
      for (const client of clients) {
        const update = await client.next((m) => m.event === 'update');
        expect(JSON.parse(update.payload!)).toMatchObject({ id: post.id, account: { username: 'alice' } });
      }
    } finally {
      for (const client of clients) client.close();
    }
  });
});
