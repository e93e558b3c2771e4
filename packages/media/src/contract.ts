import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, uniqueName } from '@strata/testkit';
import { mediaRoutes } from './http.ts';
import type { MediaStorage } from './port.ts';

export interface MediaStorageFixture {
  storage: MediaStorage;
  cleanup(): Promise<void>;
}

/** The behaviour every media storage adapter must have; each adapter's test calls this with its factory. */
export function mediaStorageContract(factory: () => Promise<MediaStorageFixture>) {
  let fixture: MediaStorageFixture;
  let root: string;
  const temp = makeTempDir('strata-media-contract-');
  beforeAll(async () => {
    fixture = await factory();
  });
  afterAll(async () => {
    await fixture.cleanup();
    temp.remove();
  });
  const key = (path: string) => `${root}/${path}`;

  describe('media storage', () => {
    beforeAll(() => void (root = uniqueName('contract')));

    it('stores, reads, stats and deletes', async () => {
      const storage = fixture.storage;
      await storage.put(key('1/a.webp'), Buffer.from('one'), 'image/webp');
      expect(await storage.get(key('1/a.webp'))).toEqual({ data: Buffer.from('one'), contentType: 'image/webp' });
      expect(await storage.stat(key('1/a.webp'))).toEqual({ size: 3, contentType: 'image/webp' });
      await storage.delete(key('1/a.webp'));
      expect(await storage.get(key('1/a.webp'))).toBeNull();
      expect(await storage.stat(key('1/a.webp'))).toBeNull();
      expect(await storage.open(key('1/a.webp'))).toBeNull();
      await storage.delete(key('1/a.webp'));
    });

    it('stores a file from disk and streams it back, whole or by range', async () => {
      const path = join(temp.path, 'video.mp4');
      const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
      await writeFile(path, bytes);
      await fixture.storage.putFile(key('2/v.mp4'), path, 'video/mp4');
      expect(await fixture.storage.stat(key('2/v.mp4'))).toEqual({ size: 5000, contentType: 'video/mp4' });
      expect(await buffer((await fixture.storage.open(key('2/v.mp4')))!)).toEqual(bytes);
      expect(await buffer((await fixture.storage.open(key('2/v.mp4'), { start: 100, end: 199 }))!)).toEqual(bytes.subarray(100, 200));
    });

    it('lists and deletes by prefix, with sizes', async () => {
      await fixture.storage.put(key('3/x/a.png'), Buffer.from('12345'), 'image/png');
      await fixture.storage.put(key('3/y/b.png'), Buffer.from('12'), 'image/png');
      await fixture.storage.put(key('4/c.png'), Buffer.from('1'), 'image/png');
      const listed = [];
      for await (const item of fixture.storage.list(key('3'))) listed.push(item);
      expect(listed.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
        { key: key('3/x/a.png'), size: 5 },
        { key: key('3/y/b.png'), size: 2 },
      ]);
      expect(await fixture.storage.deletePrefix(key('3'))).toBe(2);
      expect(await fixture.storage.get(key('3/x/a.png'))).toBeNull();
      expect(await fixture.storage.get(key('4/c.png'))).not.toBeNull();
    });

    it('refuses keys that leave its root or do not match their type', async () => {
      for (const bad of ['../x.png', '/etc/passwd', 'a/../../b.png', 'a\\b.png', 'a/.hidden.png', 'a\u0000.png']) {
        await expect(fixture.storage.put(bad, Buffer.from('x'), 'image/png')).rejects.toThrow('invalid media key');
        expect(await fixture.storage.get(bad)).toBeNull();
        expect(await fixture.storage.stat(bad)).toBeNull();
      }
      await expect(fixture.storage.put(key('5/a.png'), Buffer.from('x'), 'text/html')).rejects.toThrow('does not match');
    });

    it('serves over HTTP with its type, long caching and range requests', async () => {
      const bytes = Buffer.from('0123456789');
      await fixture.storage.put(key('6/clip.mp3'), bytes, 'audio/mpeg');
      const server = express().use(mediaRoutes(fixture.storage)).listen(0, '127.0.0.1');
      await once(server, 'listening');
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/system`;
      try {
        const whole = await fetch(`${base}/${key('6/clip.mp3')}`);
        expect(whole.status).toBe(200);
        expect(whole.headers.get('content-type')).toBe('audio/mpeg');
        expect(whole.headers.get('cache-control')).toContain('immutable');
        expect(whole.headers.get('accept-ranges')).toBe('bytes');
        expect(Buffer.from(await whole.arrayBuffer())).toEqual(bytes);
        const part = await fetch(`${base}/${key('6/clip.mp3')}`, { headers: { range: 'bytes=2-4' } });
        expect(part.status).toBe(206);
        expect(part.headers.get('content-range')).toBe('bytes 2-4/10');
        expect(await part.text()).toBe('234');
        const tail = await fetch(`${base}/${key('6/clip.mp3')}`, { headers: { range: 'bytes=-3' } });
        expect(await tail.text()).toBe('789');
        expect((await fetch(`${base}/${key('6/clip.mp3')}`, { headers: { range: 'bytes=20-' } })).status).toBe(416);
        expect((await fetch(`${base}/${key('6/none.mp3')}`)).status).toBe(404);
        expect((await fetch(`${base}/..%2f..%2fetc/passwd`)).status).toBe(404);
      } finally {
        server.close();
      }
    });
  });
}
