import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { type OutboundPolicy, safeFetch } from '@strata/federation';
import { type RemoteFileFetcher, RemoteFileRefused } from '@strata/media';

/**
 * Remote media files fetched through the outbound policy (no private addresses unless
 * allowed, connect/header/body time limits, redirects re-checked) with the media size
 * budget as the response limit. 4xx answers and oversized files are final; 5xx and
 * network failures are retried by the job.
 */
export function remoteFileFetcher(policy: Omit<OutboundPolicy, 'maxResponseBytes'>): RemoteFileFetcher {
  return async (url, path, maxBytes) => {
    const response = await safeFetch(url, { ...policy, maxResponseBytes: maxBytes }, { headers: { accept: 'image/*, video/*, audio/*' } });
    if (response.status >= 400 && response.status < 500) {
      await response.body?.cancel();
      throw new RemoteFileRefused(`${url} answered ${response.status}`);
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new Error(`${url} answered ${response.status}`);
    }
    if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
      await response.body.cancel();
      throw new RemoteFileRefused(`${url} is larger than ${maxBytes} bytes`);
    }
    await pipeline(Readable.fromWeb(response.body as ReadableStream), createWriteStream(path)).catch((error: unknown) => {
      // undici ends the body when it passes the size limit
      if (/size|exceed/i.test(String((error as Error).message))) throw new RemoteFileRefused(`${url} is larger than ${maxBytes} bytes`);
      throw error;
    });
  };
}
