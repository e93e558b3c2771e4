import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import { type ByteRange, type MediaStorage, PRIVATE_PREFIXES } from './port.ts';

/** One `bytes=a-b` range of a Range header within `size`; undefined for the whole file, null if unsatisfiable. */
export function parseRange(header: string | undefined, size: number): ByteRange | null | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // several ranges or another unit: serve the whole file, as HTTP allows
  if (!match || (!match[1] && !match[2])) return undefined;
  let start: number;
  let end: number;
  if (!match[1]) {
    const suffix = Number(match[2]);
    if (suffix === 0) return null;
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
  }
  if (start >= size || start > end) return null;
  return { start, end };
}

/**
 * GET /system/<key>: stored media with its content type, cached for good (keys never
 * change content), with range requests so players can seek in videos.
 */
export function mediaRoutes(storage: MediaStorage): Router {
  const router = Router();
  router.get('/system/*key', async (req, res) => {
    const segments = (req.params as { key?: string[] }).key ?? [];
    const key = segments.join('/');
    const stored = PRIVATE_PREFIXES.some((prefix) => key.startsWith(prefix)) ? null : await storage.stat(key);
    if (!stored) {
      res.status(404).json({ error: 'Record not found' });
      return;
    }
    res
      .type(stored.contentType)
      .set('Cache-Control', 'public, max-age=31536000, immutable')
      .set('X-Content-Type-Options', 'nosniff')
      .set('Content-Security-Policy', "default-src 'none'; sandbox")
      .set('Accept-Ranges', 'bytes');
    const range = parseRange(req.header('range'), stored.size);
    if (range === null) {
      res.status(416).set('Content-Range', `bytes */${stored.size}`).end();
      return;
    }
    if (range) res.status(206).set('Content-Range', `bytes ${range.start}-${range.end}/${stored.size}`);
    res.set('Content-Length', String(range ? range.end - range.start + 1 : stored.size));
    if (req.method === 'HEAD') return void res.end();
    const body = await storage.open(key, range);
    if (!body) return void res.status(404).end();
    await pipeline(body, res).catch(() => res.destroy());
  });
  return router;
}
