import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@strata/config';
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
const engines = openEngines(config, 'ops-test');
let url: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  const ops = serviceOps('api', engines, config);
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
const gauge = (text: string, name: string, group: string) =>
  Number(new RegExp(`^${name}\\{[^}]*group="${group.replace('.', '\\.')}"[^}]*\\} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);

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
});
