import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mastodonBody, uploadedFile, uploads } from './body.ts';
import { mastodonErrorHandler } from './errors.ts';
import { createLogger } from '@strata/logging';

const route = { method: 'POST', path: '/upload/:id', fileFields: ['avatar'], maxFileBytes: 1000 } as const;
let base: string;
let close: () => void;
let uploadsSeen = 0;

beforeAll(async () => {
  const app = express();
  app.use(mastodonBody([route]));
  app.post('/fields', (req, res) => res.json(req.body ?? null));
  // the route's own guard runs before its files are read
  app.post(route.path, (req, res, next) => (req.header('authorization') ? next() : res.status(401).json({ error: 'no' })), uploads(route), (req, res) => {
    uploadsSeen++;
    res.json({ body: req.body, size: uploadedFile(req, 'avatar')?.size ?? null });
  });
  app.use(mastodonErrorHandler(createLogger({ level: 'silent' })));
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

const form = (entries: [string, string | Blob][]) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
};

describe('multipart bodies', () => {
  it('nest bracket fields like a form, without building huge sparse arrays', async () => {
    const response = await fetch(`${base}/fields`, { method: 'POST', body: form([['a[b]', '1'], ['ids[]', '1'], ['ids[]', '2'], ['f[999999999][name]', 'x']]) });
    expect(await response.json()).toEqual({ a: { b: '1' }, ids: ['1', '2'], f: { '999999999': { name: 'x' } } });
  });

  it('refuse a file where no route takes one, and broken bodies, as 4xx', async () => {
    const file = await fetch(`${base}/fields`, { method: 'POST', body: form([['avatar', new Blob(['x'])]]) });
    expect(file.status).toBe(422);
    const noBoundary = await fetch(`${base}/fields`, { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'x' });
    expect(noBoundary.status).toBe(400);
    expect(await noBoundary.json()).toEqual({ error: expect.stringContaining('Malformed multipart body') });
    const truncated = await fetch(`${base}/fields`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=b' }, body: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nhalf' });
    expect(truncated.status).toBe(400);
    const tooLarge = await fetch(`${base}/fields`, { method: 'POST', body: form([['a', 'x'.repeat(600 * 1024)], ['b', 'x'.repeat(600 * 1024)]]) });
    expect([413, 422]).toContain(tooLarge.status);
  });

  it('read files only on their route, after its guard, within their size', async () => {
    const small = form([['avatar', new Blob([Buffer.alloc(1000)])], ['name', 'n']]);
    expect((await fetch(`${base}/upload/1`, { method: 'POST', body: small })).status).toBe(401);
    expect(uploadsSeen).toBe(0);
    const ok = await fetch(`${base}/upload/1`, { method: 'POST', headers: { authorization: 'x' }, body: small });
    expect(await ok.json()).toEqual({ body: { name: 'n' }, size: 1000 });
    const big = await fetch(`${base}/upload/1`, { method: 'POST', headers: { authorization: 'x' }, body: form([['avatar', new Blob([Buffer.alloc(1001)])]]) });
    expect(big.status).toBe(422);
    const elsewhere = await fetch(`${base}/upload/1`, { method: 'POST', headers: { authorization: 'x' }, body: form([['header', new Blob(['x'])]]) });
    expect(elsewhere.status).toBe(422);
  });
});
