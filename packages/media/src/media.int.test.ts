import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@strata/testkit';
import { InvalidImageError, createLocalMediaStorage, mediaRoutes, processProfileImage } from './index.ts';

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } }).png().toBuffer();

describe('local media storage', () => {
  const temp = makeTempDir('strata-media-');
  const storage = createLocalMediaStorage({ root: temp.path, publicBaseUrl: 'https://social.example/' });
  afterEach(() => undefined);

  it('stores, reads, deletes and deletes by prefix', async () => {
    await storage.put('accounts/avatars/1/a.webp', Buffer.from('one'), 'image/webp');
    await storage.put('accounts/avatars/1/b.png', Buffer.from('two'), 'image/png');
    expect(await storage.get('accounts/avatars/1/a.webp')).toEqual({ data: Buffer.from('one'), contentType: 'image/webp' });
    expect(storage.url('accounts/avatars/1/a.webp')).toBe('https://social.example/system/accounts/avatars/1/a.webp');
    await storage.delete('accounts/avatars/1/a.webp');
    expect(await storage.get('accounts/avatars/1/a.webp')).toBeNull();
    expect(await storage.deletePrefix('accounts/avatars/1')).toBe(1);
    expect(await storage.get('accounts/avatars/1/b.png')).toBeNull();
  });

  it('refuses keys that leave its folder', async () => {
    for (const key of ['../x.png', '/etc/passwd', 'a/../../b.png', 'a\\b.png', 'a/.hidden.png', 'a\u0000.png']) {
      await expect(storage.put(key, Buffer.from('x'), 'image/png')).rejects.toThrow('invalid media key');
      expect(await storage.get(key)).toBeNull();
    }
  });

  it('serves stored media over HTTP with long caching, 404 otherwise', async () => {
    await storage.put('accounts/headers/2/h.png', await png(4, 4), 'image/png');
    const app = express().use(mediaRoutes(storage));
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const found = await fetch(`${base}/system/accounts/headers/2/h.png`);
      expect(found.status).toBe(200);
      expect(found.headers.get('content-type')).toBe('image/png');
      expect(found.headers.get('cache-control')).toContain('immutable');
      expect((await fetch(`${base}/system/accounts/none.png`)).status).toBe(404);
      expect((await fetch(`${base}/system/..%2f..%2fetc/passwd`)).status).toBe(404);
      // names the file system cannot hold, or a stored file taken for a folder
      expect((await fetch(`${base}/system/accounts/${'a'.repeat(5000)}.png`)).status).toBe(404);
      expect((await fetch(`${base}/system/accounts/headers/2/h.png/x.png`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});

describe('processProfileImage', () => {
  it('crops an avatar to 400x400 WebP and a header to 1500x500 without enlarging', async () => {
    const avatar = await processProfileImage(await png(1000, 800), 'avatar');
    expect(avatar).toMatchObject({ contentType: 'image/webp', width: 400, height: 400 });
    expect((await sharp(avatar.data).metadata()).format).toBe('webp');
    const header = await processProfileImage(await png(3000, 1200), 'header');
    expect(header).toMatchObject({ width: 1500, height: 500 });
    const small = await processProfileImage(await png(100, 50), 'header');
    expect(small.width).toBeLessThanOrEqual(100);
  });

  it('applies EXIF orientation and strips metadata', async () => {
    const rotated = await sharp({ create: { width: 600, height: 300, channels: 3, background: 'white' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const result = await processProfileImage(rotated, 'header');
    const metadata = await sharp(result.data).metadata();
    expect(metadata.orientation).toBeUndefined();
    expect(metadata.exif).toBeUndefined();
  });

  it('refuses what is not an image', async () => {
    await expect(processProfileImage(Buffer.from('definitely not an image'), 'avatar')).rejects.toBeInstanceOf(InvalidImageError);
  });
});
