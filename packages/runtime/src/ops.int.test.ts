import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { loadConfig } from '@strata/config';
import { PermanentJobError } from '@strata/job-queue';
import { createLogger, withTrace } from '@strata/logging';
import { CONSUMER_GROUPS } from '@strata/event-log';
import { listen } from '@strata/http';
import { eventually, makeTempDir } from '@strata/testkit';
import { openEngines } from './engines.ts';
import { serviceOps } from './ops.ts';

/**
 * Prometheus scrapes a service while a burst of events lands: the projector's lag rises
 * to the burst and falls to zero as it catches up, and readiness follows it.
 */
const temp = makeTempDir('strata-ops-');
const config = loadConfig({ STRATA_DATA: temp.path, STRATA_READY_MAX_LAG_EVENTS: '50' });
// the log lines of failed jobs, as JSON
const logLines: Record<string, unknown>[] = [];
const logger = createLogger({ destination: new Writable({ write: (chunk, _encoding, done) => (logLines.push(JSON.parse(String(chunk))), done()) }) });
const engines = openEngines(config, 'ops-test', logger);
let url: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  const ops = serviceOps('api', engines, config);
  ops.metrics.watchJobQueues(engines.jobQueue);
  // as behind the gateway: the proxy on loopback tells the client's address
  const app = express().set('trust proxy', 'loopback').use(ops.timing).use(ops.router);
  app.get('/api/v1/things/:id', (_req, res) => void res.json({}));
  const http = await listen(app, 0, '127.0.0.1');
  url = `http://127.0.0.1:${(http.server.address() as { port: number }).port}`;
  stop = http.stop;
});
afterAll(async () => {
  await stop();
  await engines.close();
  temp.remove();
});

const scrape = async () => (await fetch(`${url}/metrics`)).text();
const gauge = (text: string, name: string, group: string) => sample(text, name, { group });
/** The value of the one sample of `name` whose labels include these, NaN when none. */
const sample = (text: string, name: string, labels: Record<string, string>) => {
  const line = text.split('\n').find((candidate) =>
    candidate.startsWith(`${name}{`) && Object.entries(labels).every(([label, value]) => candidate.includes(`${label}="${value}"`)),
  );
  return Number(line?.split(' ').at(-1) ?? NaN);
};

describe('service metrics', () => {
  it('shows the projection lag rising with a burst and falling as it is consumed, with readiness following', async () => {
    expect(gauge(await scrape(), 'strata_event_log_lag_events', CONSUMER_GROUPS.projector)).toBe(0);
    const store = await engines.eventStore();
    for (let i = 0; i < 200; i++) {
      await store.append(`burst-${i}`, [{ type: 'Burst', data: { i }, metadata: { correlationId: `c${i}` } }], { expectedRevision: 'any' });
    }
    const head = await store.headPosition();
    const during = await scrape();
    // the group has handled nothing: it is behind by the whole log
    expect(head).toBeGreaterThanOrEqual(200);
    expect(gauge(during, 'strata_event_log_lag_events', CONSUMER_GROUPS.projector)).toBe(head);
    expect(gauge(during, 'strata_event_log_lag_seconds', CONSUMER_GROUPS.projector)).toBeGreaterThanOrEqual(0);
    expect(during).toMatch(new RegExp(`^strata_event_store_head_position\\{[^}]*\\} ${head}$`, 'm'));
    expect((await fetch(`${url}/health/ready`)).status).toBe(503);
    expect((await fetch(`${url}/health/live`)).status).toBe(200);

    const consumer = await (await engines.eventLog()).consume(CONSUMER_GROUPS.projector, async () => {});
    await eventually(async () => (gauge(await scrape(), 'strata_event_log_lag_events', CONSUMER_GROUPS.projector) === 0 ? true : null), 10_000);
    await consumer.stop();
    expect(gauge(await scrape(), 'strata_event_log_lag_seconds', CONSUMER_GROUPS.projector)).toBe(0);
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);
  });

  it('times requests by route pattern, not by URL', async () => {
    await fetch(`${url}/api/v1/things/123`);
    await fetch(`${url}/api/v1/things/456`);
    const text = await scrape();
    expect(text).toMatch(/strata_http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/things\/:id"[^}]*status="200"[^}]*\} 2/);
    expect(text).not.toMatch(/things\/123/);
    expect(text).toMatch(/service="api"/);
  });

  it('shows the figures inside the network only', async () => {
    const outside = await fetch(`${url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(outside.status).toBe(403);
    expect(await outside.json()).toEqual({ error: 'Metrics are served inside the network only' });
    expect((await fetch(`${url}/metrics`, { headers: { 'x-forwarded-for': '10.1.2.3' } })).status).toBe(200);
  });

  it('counts job runs by outcome, deliveries by outcome, and the queues\' depth and dead letters; logs each failure', async () => {
    const jobs = await engines.jobQueue();
    const outbox = 'federation.outbox';
    await withTrace({ correlationId: 'post-77' }, () => jobs.enqueue(outbox, { inbox: 'flaky' }));
    await jobs.enqueue(outbox, { inbox: 'gone' });
    await jobs.enqueue('media', { later: true }, { delayMs: 600_000 });
    const before = await scrape();
    expect(sample(before, 'strata_job_queue_depth', { queue: outbox })).toBe(2);
    expect(sample(before, 'strata_job_queue_depth', { queue: 'media' })).toBe(1);
    expect(sample(before, 'strata_job_queue_dead_letters', { queue: outbox })).toBe(0);

    const worker = await jobs.work<{ inbox: string }>(outbox, async (job) => {
      if (job.payload.inbox === 'gone') throw new PermanentJobError('410 Gone');
      if (job.attempt === 1) throw new Error('503 from the peer');
    }, { backoffMs: () => 20 });
    const after = await eventually(async () => {
      const text = await scrape();
      return sample(text, 'strata_federation_deliveries_total', { outcome: 'delivered' }) === 1 && sample(text, 'strata_job_queue_dead_letters', { queue: outbox }) === 1 ? text : null;
    }, 10_000);
    await worker.stop();
    expect(sample(after, 'strata_federation_deliveries_total', { outcome: 'retried' })).toBe(1);
    expect(sample(after, 'strata_federation_deliveries_total', { outcome: 'failed' })).toBe(1);
    expect(sample(after, 'strata_job_runs_total', { queue: outbox, outcome: 'retried' })).toBe(1);
    expect(sample(after, 'strata_job_runs_total', { queue: outbox, outcome: 'done' })).toBe(1);
    expect(sample(after, 'strata_job_queue_depth', { queue: outbox })).toBe(0);

    const retried = logLines.find((line) => line['result'] === 'retried');
    expect(retried).toMatchObject({ level: 40, correlationId: 'post-77', job: { name: outbox, attempt: 1 } });
    expect(JSON.stringify(retried)).toContain('503 from the peer');
    const buried = logLines.find((line) => line['result'] === 'failed');
    expect(buried).toMatchObject({ level: 50, job: { name: outbox, attempt: 1 } });
    expect((buried?.['job'] as { id: string }).id).toEqual(expect.any(String));
  });
});
