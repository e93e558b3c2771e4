import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_RATE_LIMITS, eventually, freePort, makeTempDir, repoRoot } from '@strata/testkit';
import { RawStreamClient } from './support/stream-client.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * The multi-process topology as an operator runs it (`bash infra/strata topology`):
 * gateway, two api, inbox, two streaming, projector and delivery processes sharing the
 * SQLite engines, with Redis pub/sub and RabbitMQ jobs. Writes through one api process
 * are read through the other and streamed by both streaming processes; killing an api
 * process, the projector or delivery mid-load loses no acknowledged write, and the
 * supervisor's restart resumes each from its checkpoint.
 */
const temp = makeTempDir('strata-e2e-topology-');
let supervisor: ChildProcess;
let output = '';
let gateway: string;
let alice: TestUser;
let bob: TestUser;
const processes = new Map<string, { pid: number; port: number }>();

const started = (name: string) => [...output.matchAll(new RegExp(`topology: ${name} pid (\\d+) port (\\d+)`, 'g'))];
const direct = (name: string) => `http://127.0.0.1:${processes.get(name)!.port}`;
const answers = async (url: string) => (await fetch(url).catch(() => null))?.ok === true;

beforeAll(async () => {
  const port = await freePort();
  gateway = `http://127.0.0.1:${port}`;
  supervisor = spawn(process.execPath, ['services/gateway/src/topology/start-topology.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...TEST_RATE_LIMITS,
      PORT: String(port),
      STRATA_HOST: '127.0.0.1',
      STRATA_DOMAIN: `127.0.0.1:${port}`,
      STRATA_DATA: temp.path,
      STRATA_LOG_LEVEL: 'warn',
      STRATA_JOB_QUEUE_PREFIX: `e2e-topology-${randomUUID().slice(0, 8)}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  supervisor.stdout!.on('data', (chunk) => (output += chunk));
  supervisor.stderr!.on('data', (chunk) => (output += chunk));
  await eventually(() => (started('[a-z0-9-]+').length >= 8 ? true : null), 30_000);
  for (const [, name, pid, port] of output.matchAll(/topology: ([a-z0-9-]+) pid (\d+) port (\d+)/g)) processes.set(name!, { pid: Number(pid), port: Number(port) });
  await eventually(async () => {
    const ready = await Promise.all([
      answers(`${gateway}/api/v1/instance`),
      answers(`${direct('api-1')}/api/v1/instance`),
      answers(`${direct('api-2')}/api/v1/instance`),
      answers(`${direct('streaming-1')}/api/v1/streaming/health`),
      answers(`${direct('streaming-2')}/api/v1/streaming/health`),
    ]);
    return ready.every(Boolean) ? true : null;
    // eight Node processes start at once: on a loaded two-core machine that takes a while
  }, 150_000);
  ({ alice, bob } = (await signUpUsers(gateway, ['alice', 'bob'])) as { alice: TestUser; bob: TestUser });
  await bob.client.v1.accounts.$select(alice.id).follow();
}, 240_000);

afterAll(async () => {
  if (supervisor && supervisor.exitCode === null) {
    supervisor.kill('SIGTERM');
    await once(supervisor, 'exit');
  }
  temp.remove();
});

const post = (base: string, status: string, key = randomUUID()) =>
  fetch(`${base}/api/v1/statuses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ status }),
  }).catch(() => null);

/**
 * Posts `count` statuses through the gateway, killing `victim` after the third, as a
 * careful client does: a post that fails (502 from a dead replica, 503 while the projector
 * is away) is sent again with the same Idempotency-Key. Returns the acknowledged ids.
 */
async function postThroughKill(victim: string, count: number): Promise<string[]> {
  const acknowledged: string[] = [];
  const before = started(victim).length;
  for (let i = 0; i < count; i++) {
    if (i === 3) process.kill(Number(started(victim).at(-1)![1]), 'SIGKILL');
    const key = randomUUID();
    for (let attempt = 0; attempt < 60; attempt++) {
      const response = await post(gateway, `${victim} load ${i}`, key);
      if (response?.ok) {
        acknowledged.push(((await response.json()) as { id: string }).id);
        break;
      }
      expect([502, 503, undefined]).toContain(response?.status);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  // the supervisor brought the victim back
  await eventually(() => (started(victim).length > before ? true : null), 30_000);
  return acknowledged;
}

describe('the multi-process topology', () => {
  it('reads through one api process what another wrote, and streams it from both streaming processes', async () => {
    const streams = await Promise.all(
      ['streaming-1', 'streaming-2'].map((name) =>
        RawStreamClient.connect(`ws://127.0.0.1:${processes.get(name)!.port}/api/v1/streaming?stream=user`, { token: bob.token }),
      ),
    );
    const written = await post(direct('api-1'), 'written through api-1');
    expect(written?.status).toBe(200);
    const { id } = (await written!.json()) as { id: string };
    const read = await fetch(`${direct('api-2')}/api/v1/statuses/${id}`, { headers: { authorization: `Bearer ${bob.token}` } });
    expect(read.status).toBe(200);
    for (const stream of streams) {
      const update = await stream.next((m) => m.event === 'update', 20_000);
      expect(JSON.parse(update.payload!).id).toBe(id);
      stream.close();
    }
  });

  it('lets Prometheus scrape every process, and each says it is ready', async () => {
    for (const name of ['gateway', 'api-1', 'api-2', 'inbox', 'streaming-1', 'projector', 'delivery']) {
      const metrics = await (await fetch(`${direct(name)}/metrics`)).text();
      expect(metrics, name).toMatch(/^strata_event_log_lag_events\{[^}]*group="projector\.v1"/m);
      expect((await fetch(`${direct(name)}/health/ready`)).status, name).toBe(200);
    }
    const api = await (await fetch(`${direct('api-1')}/metrics`)).text();
    expect(api).toMatch(/strata_http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/statuses"[^}]*status="200"/);
    expect(await (await fetch(`${direct('streaming-1')}/metrics`)).text()).toMatch(/^strata_streaming_connections\{/m);
  });

  it('loses no acknowledged write when an api process is killed mid-load', async () => {
    const acknowledged = await postThroughKill('api-1', 12);
    expect(new Set(acknowledged).size).toBe(12);
    for (const id of acknowledged) expect((await fetch(`${gateway}/api/v1/statuses/${id}`)).status).toBe(200);
    expect(output).toMatch(/topology: api-1 exited \(SIGKILL\); restarting/);
  });

  it('projects every acknowledged write once the killed projector resumes from its checkpoint', async () => {
    const acknowledged = await postThroughKill('projector', 8);
    // each post once, however often it was sent
    expect(new Set(acknowledged).size).toBe(8);
    await eventually(async () => {
      const home = await bob.client.v1.timelines.home.list({ limit: 40 });
      return acknowledged.every((id) => home.some((status) => status.id === id)) ? true : null;
    }, 30_000);
  });

  it('resumes delivery from its checkpoint to the head of the log after a kill', async () => {
    await postThroughKill('delivery', 6);
    const positions = () => {
      const events = new DatabaseSync(join(temp.path, 'events.db'), { readOnly: true });
      const checkpoints = new DatabaseSync(join(temp.path, 'log-checkpoints.db'), { readOnly: true });
      try {
        const head = Number((events.prepare('SELECT MAX(position) AS p FROM events').get() as { p: number }).p);
        const row = checkpoints.prepare('SELECT position FROM checkpoints WHERE consumer_group = ?').get('delivery.v1') as { position: number } | undefined;
        return { head, delivery: Number(row?.position ?? -1) };
      } finally {
        events.close();
        checkpoints.close();
      }
    };
    await eventually(() => {
      const { head, delivery } = positions();
      return delivery >= head ? true : null;
    }, 30_000);
  });
});
