import { createStreamingAPIClient, type mastodon } from 'masto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { RawStreamClient, refusedUpgrade } from './support/stream-client.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/** Live timelines and notifications over WebSocket and SSE, through masto's streaming client and raw clients. */
const temp = makeTempDir('strata-e2e-streaming-');
let strata: StrataProcess;
let alice: TestUser, bob: TestUser, carol: TestUser, dave: TestUser;
let wsUrl: string;

/** masto connects when iteration starts: collect events from the start, then wait on them. */
function collect(subscription: mastodon.streaming.Subscription) {
  const events: mastodon.streaming.Event[] = [];
  void (async () => {
    for await (const event of subscription) events.push(event);
  })().catch(() => {});
  return async (test: (event: mastodon.streaming.Event) => boolean, timeoutMs = 1000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = events.find(test);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching event within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
}

beforeAll(async () => {
  // sign-ups past Mastodon's five per address: one test brings its own cast
  strata = await startStrataProcess({ dataDir: temp.path, env: { STRATA_SIGN_UP_LIMIT_PER_ADDRESS: '100' } });
  wsUrl = strata.url.replace('http', 'ws');
  const users = await signUpUsers(strata.url, ['alice', 'bob', 'carol', 'dave']);
  [alice, bob, carol, dave] = [users['alice']!, users['bob']!, users['carol']!, users['dave']!];
  await bob.client.v1.accounts.$select(alice.id).follow();
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('the masto streaming client', () => {
  it('receives a followed account’s post, a mention and a deletion on the user stream', async () => {
    const streaming = createStreamingAPIClient({ streamingApiUrl: wsUrl, accessToken: bob.token });
    const user = streaming.user.subscribe();
    const nextEvent = collect(user);
    try {
      // masto connects in the background: once bob's own post comes through, the stream is live
      for (let attempt = 0; ; attempt++) {
        const probe = await bob.client.v1.statuses.create({ status: `warming up ${attempt}` });
        const arrived = await nextEvent((e) => e.event === 'update' && e.payload.id === probe.id, 500).catch(() => undefined);
        if (arrived) break;
        if (attempt > 10) throw new Error('the masto stream never came up');
      }
      const post = await alice.client.v1.statuses.create({ status: 'live from alice' });
      const update = await nextEvent((e) => e.event === 'update' && e.payload.id === post.id);
      expect(update.payload).toMatchObject({ content: '<p>live from alice</p>', account: { username: 'alice' }, favourited: false });

      await alice.client.v1.statuses.$select(post.id).update({ status: 'live from alice, edited' });
      const edited = await nextEvent((e) => e.event === 'status.update' && e.payload.id === post.id);
      expect(edited.payload).toMatchObject({ content: '<p>live from alice, edited</p>' });

      const mention = await alice.client.v1.statuses.create({ status: '@bob are you there?' });
      const notification = await nextEvent((e) => e.event === 'notification');
      expect(notification.payload).toMatchObject({ type: 'mention', status: { id: mention.id } });

      await alice.client.v1.statuses.$select(post.id).remove();
      const deleted = await nextEvent((e) => e.event === 'delete');
      expect(deleted.payload).toBe(post.id);
    } finally {
      user.unsubscribe();
      streaming.close();
    }
  });
});

describe('a raw WebSocket client', () => {
  it('renders an event for all its recipients at once, each with their own flags and filters, none to those who may not see it', async () => {
    const { pia, fan, reader, wary, blocker, muter } = (await signUpUsers(strata.url, ['pia', 'fan', 'reader', 'wary', 'blocker', 'muter'])) as Record<'pia' | 'fan' | 'reader' | 'wary' | 'blocker' | 'muter', TestUser>;
    const followers = [fan, reader, wary, blocker, muter];
    for (const follower of followers) await follower.client.v1.accounts.$select(pia.id).follow();
    const post = await pia.client.v1.statuses.create({ status: 'plain words' });
    await fan.client.v1.statuses.$select(post.id).favourite();
    const warn = await wary.client.v2.filters.create({ title: 'Warn', context: ['home'], filterAction: 'warn', keywordsAttributes: [{ keyword: 'secret' }] });
    await blocker.client.v1.accounts.$select(pia.id).block();
    await muter.client.v1.accounts.$select(pia.id).mute();
    // two connections of one viewer, and one of each other follower: every one of them waits for the same edit
    const sockets = await Promise.all([fan, reader, reader, wary, blocker, muter].map((user) => RawStreamClient.connect(`${wsUrl}/api/v1/streaming?stream=user`, { token: user.token })));
    const [fanSocket, readerSocket, secondReaderSocket, warySocket, blockerSocket, muterSocket] = sockets;
    try {
      await Promise.all(sockets.map((socket) => socket.settled()));
      await pia.client.v1.statuses.$select(post.id).update({ status: 'secret words' });
      const edit = async (socket: RawStreamClient) => JSON.parse((await socket.next((m) => m.event === 'status.update')).payload!) as { id: string; content: string; favourited: boolean; filtered: Array<{ filter: { id: string } }> };
      expect(await edit(fanSocket!)).toMatchObject({ id: post.id, content: '<p>secret words</p>', favourited: true, filtered: [] });
      for (const socket of [readerSocket!, secondReaderSocket!]) expect(await edit(socket)).toMatchObject({ id: post.id, content: '<p>secret words</p>', favourited: false, filtered: [] });
      expect(await edit(warySocket!)).toMatchObject({ id: post.id, favourited: false, filtered: [{ filter: { id: warn.id } }] });
      // each one's own post comes after the edit on their stream: had the edit been sent, it would be there first
      for (const [user, socket] of [[blocker, blockerSocket], [muter, muterSocket]] as const) {
        const own = await user.client.v1.statuses.create({ status: 'my own' });
        await socket!.next((m) => m.event === 'update' && (JSON.parse(m.payload!) as { id: string }).id === own.id);
        expect(socket!.events.filter((m) => m.event !== 'update' || (JSON.parse(m.payload!) as { id: string }).id !== own.id)).toEqual([]);
      }
    } finally {
      for (const socket of sockets) socket.close();
    }
  });

  it('multiplexes hashtag subscriptions and hides blocked accounts', async () => {
    const bobClient = await RawStreamClient.connect(`${wsUrl}/api/v1/streaming`, { token: bob.token });
    const daveClient = await RawStreamClient.connect(`${wsUrl}/api/v1/streaming?access_token=${dave.token}`);
    try {
      await bob.client.v1.accounts.$select(carol.id).block();
      for (const client of [bobClient, daveClient]) client.send({ type: 'subscribe', stream: 'hashtag', tag: 'cats' });
      await Promise.all([bobClient.settled(), daveClient.settled()]);
      const post = await carol.client.v1.statuses.create({ status: 'a #cats picture' });
      const seen = await daveClient.next((m) => m.event === 'update');
      expect(seen.stream).toEqual(['hashtag', 'cats']);
      expect(JSON.parse(seen.payload!)).toMatchObject({ id: post.id, tags: [{ name: 'cats' }] });
      // a client's events come in the order they were posted: alice's later post reaches bob, carol's never did
      const later = await alice.client.v1.statuses.create({ status: 'another #cats picture' });
      await bobClient.next((m) => m.event === 'update');
      expect(bobClient.events.map((m) => JSON.parse(m.payload!).id)).toEqual([later.id]);
    } finally {
      bobClient.close();
      daveClient.close();
    }
  });

  it('sends direct posts only to their recipients', async () => {
    const bobDirect = await RawStreamClient.connect(`${wsUrl}/api/v1/streaming?stream=direct`, { protocol: bob.token });
    const daveDirect = await RawStreamClient.connect(`${wsUrl}/api/v1/streaming?stream=direct`, { protocol: dave.token });
    try {
      await Promise.all([bobDirect.settled(), daveDirect.settled()]);
      const direct = await alice.client.v1.statuses.create({ status: '@bob secret', visibility: 'direct' });
      const conversation = await bobDirect.next((m) => m.event === 'conversation');
      expect(JSON.parse(conversation.payload!)).toMatchObject({ last_status: { id: direct.id, visibility: 'direct' } });
      // dave's own direct post, sent after bob's, reaches him first and alone
      const toDave = await alice.client.v1.statuses.create({ status: '@dave not a secret to you', visibility: 'direct' });
      await daveDirect.next((m) => m.event === 'conversation');
      expect(daveDirect.events.map((m) => JSON.parse(m.payload!).last_status.id)).toEqual([toDave.id]);
    } finally {
      bobDirect.close();
      daveDirect.close();
    }
  });

  it('answers bad input as Mastodon does and never crashes', async () => {
    expect(await refusedUpgrade(`${wsUrl}/api/v1/streaming?access_token=nonsense`)).toEqual({ status: 401, message: 'Invalid access token' });
    expect((await refusedUpgrade(`${wsUrl}/api/v1/streaming?stream=user`)).status).toBe(401);
    const client = await RawStreamClient.connect(`${wsUrl}/api/v1/streaming`, { token: dave.token });
    client.send('{not json');
    expect(await client.next((m) => m.error === 'Invalid JSON')).toMatchObject({ status: 400 });
    client.send({ type: 'subscribe', stream: 'everything' });
    expect(await client.next((m) => m.error === 'Unknown stream type')).toMatchObject({ status: 400 });
    client.send({ type: 'subscribe', stream: 'hashtag' });
    expect(await client.next((m) => m.error === 'No tag for stream provided')).toBeTruthy();
    const list = await bob.client.v1.lists.create({ title: 'mine' });
    client.send({ type: 'subscribe', stream: 'list', list: list.id });
    expect(await client.next((m) => m.status === 404)).toBeTruthy();
    client.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await eventually(() => client.closed, 3000)).code).toBe(1003);
    const flood = await RawStreamClient.connect(`${wsUrl}/api/v1/streaming`, { token: dave.token });
    for (let i = 0; i < 150; i++) flood.send({ type: 'subscribe', stream: 'public' });
    expect((await eventually(() => flood.closed, 3000)).code).toBe(1008);
    expect((await fetch(`${strata.url}/api/v1/streaming/health`)).status).toBe(200);
  });

  it('closes the stream of a revoked token', async () => {
    const client = await RawStreamClient.connect(`${wsUrl}/api/v1/streaming?stream=user`, { token: dave.token });
    const response = await fetch(`${strata.url}/oauth/revoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: dave.token }) });
    expect(response.status).toBe(200);
    expect((await eventually(() => client.closed, 3000)).code).toBe(1008);
  });
});

describe('suspension', () => {
  it('closes the streams of a suspended account and hides it', async () => {
    const post = await carol.client.v1.statuses.create({ status: 'before the suspension' });
    const client = await RawStreamClient.connect(`${wsUrl}/api/v1/streaming?stream=user`, { token: carol.token });
    const suspended = await runNode('packages/cli/src/main.ts', ['accounts', 'suspend', 'carol'], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });
    expect(suspended.stdout).toContain('carol is suspended');
    await eventually(() => client.closed?.code === 1008, 3000);
    expect((await fetch(`${strata.url}/api/v1/accounts/${carol.id}`)).status).toBe(404);
    expect((await fetch(`${strata.url}/api/v1/accounts/verify_credentials`, { headers: { authorization: `Bearer ${carol.token}` } })).status).toBe(401);
    const publicTimeline = (await (await fetch(`${strata.url}/api/v1/timelines/public?limit=40`)).json()) as { id: string }[];
    expect(publicTimeline.map((s) => s.id)).not.toContain(post.id);
  });
});

describe('Server-Sent Events', () => {
  it('opens with :) and streams public posts', async () => {
    const controller = new AbortController();
    const response = await fetch(`${strata.url}/api/v1/streaming/public?access_token=${alice.token}`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = decoder.decode((await reader.read()).value);
    expect(received.startsWith(':)')).toBe(true);
    const post = await alice.client.v1.statuses.create({ status: 'seen through SSE' });
    const deadline = Date.now() + 2000;
    while (!received.includes(post.id) && Date.now() < deadline) received += decoder.decode((await reader.read()).value);
    expect(received).toContain('event: update');
    expect(received).toContain(post.id);
    controller.abort();
  });
});
