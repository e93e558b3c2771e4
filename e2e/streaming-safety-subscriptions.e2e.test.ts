import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { RawWebSocket, textFrame } from './support/raw-websocket.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * Bursts of subscription messages, all in one TCP write so the server reads them
 * together: a stream is registered once whatever the burst, unsubscribe ends it, and the
 * cap of 50 per connection holds exactly. Negative assertions wait for a later post.
 */
const temp = makeTempDir('strata-e2e-streaming-safety-subs-');
let strata: StrataProcess;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  const users = await signUpUsers(strata.url, ['alice', 'bob']);
  [alice, bob] = [users['alice']!, users['bob']!];
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

const subscribe = (tag: string) => textFrame({ type: 'subscribe', stream: 'hashtag', tag });
const unsubscribe = (tag: string) => textFrame({ type: 'unsubscribe', stream: 'hashtag', tag });
/** Changes are handled in order: the error this earns says every change before it is done. */
const barrier = () => textFrame({ type: 'subscribe', stream: 'nonsense' });

/** Sends a burst in one write and waits until the server has handled all of it. */
async function burst(client: RawWebSocket, frames: Buffer[]) {
  const before = barriersSeen(client);
  client.write(Buffer.concat([...frames, barrier()]));
  await eventually(() => barriersSeen(client) > before, 5000);
}
const barriersSeen = (client: RawWebSocket) => client.messages.filter((m) => m.error === 'Unknown stream type').length;

/** The update events of one status a client received. */
const updatesOf = (client: RawWebSocket, id: string) => client.messages.filter((m) => m.event === 'update' && JSON.parse(m.payload!).id === id);

async function post(status: string) {
  return alice.client.v1.statuses.create({ status });
}

describe('a burst of subscribe messages for one stream', () => {
  it('registers it once: each event arrives once, and one unsubscribe ends it', async () => {
    const client = await RawWebSocket.open(strata.url, { token: bob.token });
    try {
      await burst(client, [subscribe('marker1'), ...Array.from({ length: 10 }, () => subscribe('dup1'))]);
      const first = await post('#dup1 first');
      const second = await post('#dup1 second');
      // events of one client arrive in the order they were announced: a second copy of the first would be here by now
      await eventually(() => updatesOf(client, second.id).length > 0, 3000);
      expect(updatesOf(client, first.id)).toHaveLength(1);

      await burst(client, [unsubscribe('dup1')]);
      const afterwards = await post('#dup1 after unsubscribing');
      const marker = await post('#marker1 still streaming');
      await eventually(() => updatesOf(client, marker.id).length > 0, 3000);
      expect(updatesOf(client, afterwards.id)).toEqual([]);
      expect(updatesOf(client, second.id)).toHaveLength(1);
      expect(client.messages.filter((m) => m.error && m.error !== 'Unknown stream type')).toEqual([]);
    } finally {
      client.destroy();
    }
  });

  it('ends it when the unsubscribe comes in the same burst', async () => {
    const client = await RawWebSocket.open(strata.url, { token: bob.token });
    try {
      await burst(client, [subscribe('marker2'), subscribe('dup2'), subscribe('dup2'), subscribe('dup2'), unsubscribe('dup2')]);
      const hidden = await post('#dup2 nobody follows this now');
      const marker = await post('#marker2 still streaming');
      await eventually(() => updatesOf(client, marker.id).length > 0, 3000);
      expect(updatesOf(client, hidden.id)).toEqual([]);
    } finally {
      client.destroy();
    }
  });

  it('registers the stream named on connect once when the same stream follows in a burst', async () => {
    const frames = [...Array.from({ length: 5 }, () => subscribe('dup3')), barrier()];
    const client = await RawWebSocket.open(strata.url, { path: '/api/v1/streaming?stream=hashtag&tag=dup3', token: bob.token, after: Buffer.concat(frames) });
    try {
      await eventually(() => barriersSeen(client) > 0, 5000);
      const first = await post('#dup3 first');
      const second = await post('#dup3 second');
      await eventually(() => updatesOf(client, second.id).length > 0, 3000);
      expect(updatesOf(client, first.id)).toHaveLength(1);
    } finally {
      client.destroy();
    }
  });
});

describe('the cap of 50 subscriptions per connection', () => {
  it('holds exactly under a burst of 60, and a duplicate at the cap is no error', async () => {
    const client = await RawWebSocket.open(strata.url, { token: bob.token });
    try {
      const tags = Array.from({ length: 60 }, (_, i) => `cap${i}`);
      await burst(client, [...tags.map(subscribe), subscribe('cap0')]);
      const refused = client.messages.filter((m) => m.error === 'Too many subscriptions');
      expect(refused).toHaveLength(10);
      expect(refused.every((m) => m.status === 400)).toBe(true);

      const beyond = await post('#cap59 past the cap');
      const last = await post('#cap49 the fiftieth');
      await eventually(() => updatesOf(client, last.id).length > 0, 3000);
      expect(updatesOf(client, beyond.id)).toEqual([]);

      // one unsubscribe frees one place
      await burst(client, [unsubscribe('cap0'), subscribe('cap50'), subscribe('cap51')]);
      expect(client.messages.filter((m) => m.error === 'Too many subscriptions')).toHaveLength(11);
      const freed = await post('#cap50 in the freed place');
      await eventually(() => updatesOf(client, freed.id).length > 0, 3000);
    } finally {
      client.destroy();
    }
  });
});
