import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundDispatcher } from './outbound-dispatcher.ts';
import { safeFetch } from './safe-fetch.ts';
import { fetch } from 'undici';

/** A server on a loopback address of its own that answers per path. */
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/big') return void res.end('x'.repeat(64 * 1024));
    if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2_000).unref();
    if (req.url === '/hop') return void res.writeHead(302, { location: '/small' }).end();
    if (req.url === '/to-https') return void res.writeHead(302, { location: 'https://127.0.0.4:1/' }).end();
    res.end('small');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.4', resolve));
  origin = `http://127.0.0.4:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const loopback = { allowPrivate: true, timeoutMs: 500, maxResponseBytes: 16 * 1024 };

describe('safeFetch', () => {
  it('fetches and follows redirects when private addresses are allowed (tests)', async () => {
    expect(await (await safeFetch(`${origin}/hop`, loopback)).text()).toBe('small');
  });

  it('answers with the redirect itself when told not to follow it', async () => {
    const response = await safeFetch(`${origin}/hop`, loopback, { method: 'HEAD', followRedirects: false });
    expect([response.status, response.headers.get('location')]).toEqual([302, '/small']);
  });

  it('fails a body over the size limit', async () => {
    await expect(safeFetch(`${origin}/big`, loopback).then((response) => response.text())).rejects.toThrow();
  });

  it('fails a server that does not answer in time', async () => {
    await expect(safeFetch(`${origin}/slow`, loopback)).rejects.toThrow();
  });

  it('refuses the same server when private addresses are not allowed, over http and https', async () => {
    const production = { ...loopback, allowPrivate: false };
    await expect(safeFetch(`${origin}/small`, production)).rejects.toThrow(/http/);
    await expect(safeFetch(`https://127.0.0.4:${new URL(origin).port}/`, production)).rejects.toThrow(/non-public/);
    await expect(safeFetch('https://localhost/', production)).rejects.toThrow(/local host name/);
  });
});

describe('the outbound dispatcher', () => {
  it('refuses at connect time what fetch with it reaches, redirects included', async () => {
    const dispatcher = createOutboundDispatcher({ ...loopback, allowPrivate: false });
    await expect(fetch(`${origin}/small`, { dispatcher })).rejects.toMatchObject({ cause: { code: 'ERR_STRATA_REFUSED_ADDRESS' } });
    await dispatcher.close();
  });
});
