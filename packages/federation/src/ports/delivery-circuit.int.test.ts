import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryKvStore, createFederation, generateCryptoKeyPair } from '@fedify/fedify';
import { Create, Note } from '@fedify/vocab';
import { type JobQueue, openSqliteJobQueue } from '@strata/job-queue';
import { createLogger } from '@strata/logging';
import { eventually, makeTempDir } from '@strata/testkit';
import { deliveryCircuit } from './delivery-circuit.ts';
import { JobMessageQueue } from './job-message-queue.ts';

/**
 * Strata's outbox queue (the job-queue port over SQLite) under Fedify's circuit breaker:
 * a live host keeps getting every delivery while a dead one is counted, circuit-broken
 * and its deliveries parked as delayed jobs, not dead-lettered.
 */
const temp = makeTempDir('strata-delivery-circuit-');
let jobs: JobQueue;
let sink: Server;
let live: string, dead: string;
const received: string[] = [];
const changes: string[] = [];

beforeAll(async () => {
  jobs = openSqliteJobQueue({ path: join(temp.path, 'jobs.db'), pollIntervalMs: 10 });
  sink = createServer((req, res) => {
    received.push(req.url ?? '');
    req.resume().on('end', () => res.writeHead(202).end());
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.4', resolve));
  live = `http://127.0.0.4:${(sink.address() as AddressInfo).port}`;
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.5', resolve));
  dead = `http://127.0.0.5:${(closed.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
});

afterAll(async () => {
  sink.closeAllConnections();
  sink.close();
  await jobs.close();
  temp.remove();
});

describe('the delivery circuit', () => {
  it('parks deliveries to a dead host after repeated failures while the live host gets all of its own', async () => {
    const logger = createLogger({ level: 'silent' });
    const circuit = deliveryCircuit(logger, { failureThreshold: 3, recoveryDelaySeconds: 3600 });
    const outbox = new JobMessageQueue(jobs, 'circuit.outbox');
    const federation = createFederation<void>({
      kv: new MemoryKvStore(),
      queue: { inbox: new JobMessageQueue(jobs, 'circuit.inbox'), outbox, fanout: new JobMessageQueue(jobs, 'circuit.fanout') },
      manuallyStartQueue: true,
      allowPrivateAddress: true,
      circuitBreaker: { ...circuit, onStateChange: (host, _from, to) => void changes.push(`${host}:${to}`) },
    });
    const controller = new AbortController();
    const running = federation.startQueue(undefined, { signal: controller.signal });
    const keys = await generateCryptoKeyPair('RSASSA-PKCS1-v1_5');
    const sender = { privateKey: keys.privateKey, keyId: new URL('https://strata.example/users/alice#main-key') };
    const ctx = federation.createContext(new URL('https://strata.example'));
    const recipients = [live, dead].map((origin) => ({ id: new URL(`${origin}/users/bob`), inboxId: new URL(`${origin}/inbox`) }));
    for (let n = 1; n <= 8; n++) {
      const note = new Note({ id: new URL(`https://strata.example/notes/${n}`), content: `post ${n}` });
      await ctx.sendActivity(sender, recipients, new Create({ id: new URL(`${note.id!.href}/activity`), actor: new URL('https://strata.example/users/alice'), object: note }));
    }
    await eventually(() => received.length === 8 && changes.includes(`${new URL(dead).host}:open`), 20_000);
    expect(changes).toEqual([`${new URL(dead).host}:open`]);
    expect(await jobs.deadLetters('circuit.outbox')).toEqual([]);
    controller.abort();
    await running;
  });
});
