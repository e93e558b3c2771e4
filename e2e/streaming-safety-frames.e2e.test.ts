import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { OPCODE, RawWebSocket, answerTo, clientFrame, handshakeRequest, resetAfterWriting, textFrame } from './support/raw-websocket.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * Hostile bytes on the streaming API, sent over bare TCP: a malformed frame closes that one
 * socket with the code RFC 6455 names, a reset on the way in is just a lost client, and
 * the process keeps serving everyone else.
 */
const temp = makeTempDir('strata-e2e-streaming-safety-frames-');
let strata: StrataProcess;
let alice: TestUser;
let bob: TestUser;
/** Bob's long-lived stream: after every attack it must still receive alice's next post. */
let bystander: RawWebSocket;

const INVALID_UTF8 = Buffer.from([0xff, 0xfe, 0xfd, 0xfc]);
const OVER_64_KIB = Buffer.alloc(64 * 1024 + 1, 'a');

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  const users = await signUpUsers(strata.url, ['alice', 'bob']);
  [alice, bob] = [users['alice']!, users['bob']!];
  // subscription changes are handled in order: the error for the last proves the first is live
  const subscribe = Buffer.concat([textFrame({ type: 'subscribe', stream: 'hashtag', tag: 'alive' }), textFrame({ type: 'subscribe', stream: 'nonsense' })]);
  bystander = await RawWebSocket.open(strata.url, { token: bob.token, after: subscribe });
  await eventually(() => bystander.messages.some((m) => m.error === 'Unknown stream type'), 3000);
  await stillServes();
});
afterAll(async () => {
  bystander?.destroy();
  await strata?.kill();
  temp.remove();
});

let probes = 0;
/** The process is up, answers HTTP, accepts a new stream and still streams to the bystander. */
async function stillServes() {
  expect(strata.child.exitCode).toBeNull();
  expect((await fetch(`${strata.url}/api/v1/streaming/health`)).status).toBe(200);
  const fresh = await RawWebSocket.open(strata.url, { after: textFrame({ type: 'subscribe', stream: 'nonsense' }) });
  await eventually(() => fresh.messages.some((m) => m.error === 'Unknown stream type'), 3000);
  fresh.destroy();
  const probe = await alice.client.v1.statuses.create({ status: `#alive probe ${++probes}` });
  await eventually(() => bystander.messages.some((m) => m.event === 'update' && JSON.parse(m.payload!).id === probe.id), 3000);
}

const callers = { anonymous: () => undefined, 'with a token': () => bob.token };
const attacks = {
  'a text frame of invalid UTF-8': { frames: () => clientFrame(OPCODE.text, INVALID_UTF8), code: 1007 },
  'a text frame over 64 KiB': { frames: () => clientFrame(OPCODE.text, OVER_64_KIB), code: 1009 },
  'a binary frame over 64 KiB': { frames: () => clientFrame(OPCODE.binary, OVER_64_KIB), code: 1009 },
  'a message over 64 KiB in two fragments': {
    frames: () => Buffer.concat([clientFrame(OPCODE.text, Buffer.alloc(40 * 1024, 'a'), { fin: false }), clientFrame(0x0, Buffer.alloc(40 * 1024, 'a'))]),
    code: 1009,
  },
};

describe('a malformed frame closes only its own socket', () => {
  for (const [who, token] of Object.entries(callers)) {
    for (const [what, attack] of Object.entries(attacks)) {
      it(`${what}, ${who}, once the socket is open`, async () => {
        const client = await RawWebSocket.open(strata.url, { token: token() });
        client.write(attack.frames());
        expect(await client.closed()).toBe(attack.code);
        await stillServes();
      });

      it(`${what}, ${who}, in the same write as the handshake`, async () => {
        const client = await RawWebSocket.open(strata.url, { token: token(), after: attack.frames() });
        expect(await client.closed()).toBe(attack.code);
        await stillServes();
      });
    }
  }
});

describe('a client that goes away on the way in or mid-stream', () => {
  const host = () => `127.0.0.1:${strata.port}`;

  it('resets during the WebSocket upgrade, with and without a token and an initial stream', async () => {
    for (let i = 0; i < 10; i++) {
      await resetAfterWriting(strata.port, handshakeRequest('/api/v1/streaming', host()));
      await resetAfterWriting(strata.port, handshakeRequest('/api/v1/streaming?stream=public', host(), { token: bob.token }));
      await resetAfterWriting(strata.port, handshakeRequest('/api/v1/streaming?stream=list&list=1', host(), { token: bob.token }));
      await resetAfterWriting(strata.port, handshakeRequest('/api/v1/streaming', host(), { token: 'not a token' }));
    }
    await stillServes();
  });

  it('resets after the upgrade, with frames still on their way', async () => {
    for (let i = 0; i < 5; i++) {
      const client = await RawWebSocket.open(strata.url, { token: bob.token });
      client.write(textFrame({ type: 'subscribe', stream: 'user' }));
      client.socket.resetAndDestroy();
    }
    await stillServes();
  });

  it('answers an upgrade to a request-target that is no URL without falling over', async () => {
    for (const target of ['//', '///api/v1/streaming', 'http://[bad/api/v1/streaming']) {
      expect(await answerTo(strata.port, handshakeRequest(target, host()))).not.toContain('101 Switching Protocols');
    }
    await stillServes();
  });

  it('resets a Server-Sent Events stream while it opens and once it streams', async () => {
    const request = (path: string) => `GET ${path} HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: Bearer ${bob.token}\r\n\r\n`;
    for (let i = 0; i < 10; i++) {
      await resetAfterWriting(strata.port, request('/api/v1/streaming/public'));
      await resetAfterWriting(strata.port, request('/api/v1/streaming/list?list=1'));
      await resetAfterWriting(strata.port, request('/api/v1/streaming/user'), (received) => received.includes(':)'));
    }
    await stillServes();
  });
});
