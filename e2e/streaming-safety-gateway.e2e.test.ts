import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { OPCODE, RawWebSocket, answerTo, clientFrame, handshakeRequest, resetAfterWriting, textFrame } from './support/raw-websocket.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * The distributed entry: the gateway proxies /api/v1/streaming to a streaming process.
 * A client that resets while the proxy still waits for the upstream, or asks to upgrade
 * a path nobody streams, must not stop the gateway; bad frames pass through and close
 * that one connection with the streaming process's code.
 */
const temp = makeTempDir('strata-e2e-streaming-safety-gateway-');
const processes: StrataProcess[] = [];
let gateway: StrataProcess;
let bob: TestUser;

beforeAll(async () => {
  const embedded = await startStrataProcess({ dataDir: temp.path });
  const streaming = await startStrataProcess({ dataDir: temp.path, entry: 'services/streaming/src/main.ts', readyText: 'streaming started' });
  processes.push(embedded, streaming);
  gateway = await startStrataProcess({
    dataDir: temp.path,
    entry: 'services/gateway/src/main.ts',
    readyText: 'gateway started',
    env: { STRATA_API_URL: embedded.url, STRATA_INBOX_URL: embedded.url, STRATA_STREAMING_URL: streaming.url },
  });
  processes.push(gateway);
  bob = (await signUpUsers(embedded.url, ['bob']))['bob']!;
});
afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill()));
  temp.remove();
});

/** The gateway is up, answers HTTP and proxies a new stream that answers its messages. */
async function gatewayStillServes() {
  for (const p of processes) expect(p.child.exitCode).toBeNull();
  expect((await fetch(`${gateway.url}/api/v1/streaming/health`)).status).toBe(200);
  const fresh = await RawWebSocket.open(gateway.url, { token: bob.token, after: textFrame({ type: 'subscribe', stream: 'nonsense' }) });
  await eventually(() => fresh.messages.some((m) => m.error === 'Unknown stream type'), 3000);
  fresh.destroy();
}

describe('the gateway in front of a streaming process', () => {
  const host = () => `127.0.0.1:${gateway.port}`;

  it('survives clients that reset while their upgrade is being proxied', async () => {
    for (let i = 0; i < 10; i++) {
      await resetAfterWriting(gateway.port, handshakeRequest('/api/v1/streaming', host(), { token: bob.token }));
      await resetAfterWriting(gateway.port, handshakeRequest('/api/v1/streaming?stream=public', host()));
    }
    await gatewayStillServes();
  });

  it('lets go of upgrades to paths nobody streams, and of request-targets that are no URL', async () => {
    for (const target of ['/api/v1/timelines/public', '//', 'http://[bad/api/v1/streaming']) {
      await resetAfterWriting(gateway.port, handshakeRequest(target, host()));
      expect(await answerTo(gateway.port, handshakeRequest(target, host()))).not.toContain('101 Switching Protocols');
    }
    await gatewayStillServes();
  });

  it('passes the close code of a bad frame through to that client alone', async () => {
    const invalid = await RawWebSocket.open(gateway.url, { token: bob.token });
    invalid.write(clientFrame(OPCODE.text, Buffer.from([0xff, 0xfe, 0xfd, 0xfc])));
    expect(await invalid.closed()).toBe(1007);
    const tooBig = await RawWebSocket.open(gateway.url, { after: clientFrame(OPCODE.text, Buffer.alloc(64 * 1024 + 1, 'a')) });
    expect(await tooBig.closed()).toBe(1009);
    await gatewayStillServes();
  });
});
