import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '@strata/http';
import { createLogger } from '@strata/logging';
import { createGatewayApp } from './app.ts';
import { upstreamProxies } from './proxies.ts';

const stops: (() => Promise<void>)[] = [];
let gateway: string;
let failover: string;

beforeAll(async () => {
  // an upstream set up like the API service: it trusts one proxy hop, the gateway
  const api = express().set('trust proxy', 1);
  api.get('/api/v1/whoami', (req, res) => res.json({ ip: req.ip, forwarded: req.header('x-forwarded-for') }));
  const upstream = await listen(api, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${(upstream.server.address() as { port: number }).port}`;
  const logger = createLogger({ level: 'silent' });
  const app = createGatewayApp({ logger, routers: [upstreamProxies({ api: [url], inbox: [url], streaming: [url] }, logger).router], health: {} });
  const front = await listen(app, 0, '127.0.0.1');
  gateway = `http://127.0.0.1:${(front.server.address() as { port: number }).port}`;
  // a second gateway whose first API replica is a process that has died
  const gone = await listen(express(), 0, '127.0.0.1');
  const dead = `http://127.0.0.1:${(gone.server.address() as { port: number }).port}`;
  await gone.stop();
  const withDead = createGatewayApp({ logger, routers: [upstreamProxies({ api: [dead, url], inbox: [url], streaming: [url] }, logger).router], health: {} });
  const second = await listen(withDead, 0, '127.0.0.1');
  failover = `http://127.0.0.1:${(second.server.address() as { port: number }).port}`;
  stops.push(front.stop, second.stop, upstream.stop);
});
afterAll(async () => {
  for (const stop of stops) await stop();
});

describe('the distributed gateway', () => {
  it('tells the services the client address it saw, not one the client wrote', async () => {
    // this test connects over loopback, which the gateway trusts as a local reverse proxy: the
    // address that proxy appended is the client; anything left of it is the client's own writing
    const response = await fetch(`${gateway}/api/v1/whoami`, { headers: { 'x-forwarded-for': '203.0.113.7, 198.51.100.1' } });
    expect(await response.json()).toEqual({ ip: '198.51.100.1', forwarded: '198.51.100.1' });
  });

  it('takes the API replicas in turn and leaves out one that has died', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${failover}/api/v1/whoami`)).status);
    // the dead replica costs the one request sent to it; the rest go to the live one
    expect(statuses).toEqual([502, 200, 200, 200, 200, 200]);
  });
});
