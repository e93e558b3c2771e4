import { readFile } from 'node:fs/promises';
import { mediaFixtures } from '@strata/media/fixtures';
import { startStrataProcess } from '@strata/testkit';
import { inTempDir, percentile, perSecond } from './measure.ts';
import type { Benchmark } from './suites.ts';

/** Resident memory of a process and its children (ffmpeg runs as one), in bytes, from /proc. */
async function treeRss(pid: number): Promise<number> {
  const rss = async (id: number) => Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${id}/status`, 'utf8').catch(() => ''))?.[1] ?? 0) * 1024;
  const children = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '')).split(/\s+/).filter(Boolean).map(Number);
  const sizes = await Promise.all([pid, ...children].map(rss));
  return sizes.reduce((a, b) => a + b, 0);
}

async function signUp(url: string, username: string): Promise<string> {
  const post = async (path: string, body: Record<string, string>, token?: string) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    });
    return (await response.json()) as Record<string, string>;
  };
  const app = await post('/api/v1/apps', { client_name: 'bench', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read write' });
  const appToken = await post('/oauth/token', { grant_type: 'client_credentials', client_id: app['client_id']!, client_secret: app['client_secret']!, scope: 'read write' });
  const user = await post('/api/v1/accounts', { username, email: `${username}@example.com`, password: `${username} password 1`, agreement: 'true', locale: 'en' }, appToken['access_token']);
  return user['access_token']!;
}

async function upload(url: string, token: string, data: Buffer, type: string): Promise<{ status: number; id: string }> {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(data)], { type }), 'upload');
  const response = await fetch(`${url}/api/v2/media`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const body = (await response.json()) as { id: string };
  return { status: response.status, id: body.id };
}

/**
 * Media: the server in its own process, this process as the load generator. Image uploads
 * processed per second with p50/p99 latency at 16 concurrent clients; then one large video
 * (transcoded, `20 × N` seconds of noisy 1080p at 16 Mbit/s) with its processing time and the peak memory of
 * the server and its ffmpeg.
 */
export const mediaBenchmark: Benchmark = {
  name: 'media',
  run: (scale, progress) =>
    inTempDir(async (dir) => {
      const server = await startStrataProcess({ dataDir: dir });
      try {
        // four accounts (sign-ups are rate limited per address), four clients on each
        const accounts: string[] = [];
        for (let i = 0; i < 4; i++) accounts.push(await signUp(server.url, `uploader${i}`));
        const tokens = Array.from({ length: 16 }, (_, i) => accounts[i % accounts.length]!);
        const photo = await mediaFixtures.jpegWithGps(1600, 1200);
        const images = Math.round(200 * scale);
        const latencies: number[] = [];
        let next = 0;
        const started = process.hrtime.bigint();
        await Promise.all(
          tokens.map(async (token) => {
            while (next < images) {
              next++;
              const at = process.hrtime.bigint();
              const { status } = await upload(server.url, token, photo, 'image/jpeg');
              if (status !== 200) throw new Error(`image upload answered ${status}`);
              latencies.push(Number(process.hrtime.bigint() - at) / 1e6);
              if (latencies.length % 50 === 0) progress(`${latencies.length}/${images} images`);
            }
          }),
        );
        const throughput = perSecond(latencies.length, started);
        latencies.sort((a, b) => a - b);

        const seconds = Math.round(20 * scale);
        progress(`making a ${seconds} s 1080p video at 16 Mbit/s`);
        const video = await mediaFixtures.mpeg4(seconds, '1920x1080', '16M');
        const pid = server.child.pid!;
        let peak = await treeRss(pid);
        const baseline = peak;
        const sampler = setInterval(() => void treeRss(pid).then((rss) => (peak = Math.max(peak, rss))), 50);
        const videoStarted = process.hrtime.bigint();
        const { status, id } = await upload(server.url, tokens[0]!, video, 'video/mp4');
        const accepted = Number(process.hrtime.bigint() - videoStarted) / 1e6;
        for (;;) {
          const response = await fetch(`${server.url}/api/v1/media/${id}`, { headers: { authorization: `Bearer ${tokens[0]}` } });
          if (response.status !== 206) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        clearInterval(sampler);
        const processedMs = Number(process.hrtime.bigint() - videoStarted) / 1e6;
        const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
        return {
          images: { uploads: throughput.count, perSecond: Number((throughput.count / throughput.seconds).toFixed(1)), p50Ms: Math.round(percentile(latencies, 50)), p99Ms: Math.round(percentile(latencies, 99)), concurrency: tokens.length, photo: '1600x1200 JPEG' },
          video: { seconds, size: '1920x1080 MPEG-4 16 Mbit/s → H.264', uploadBytes: video.length, acceptedStatus: status, acceptedMs: Math.round(accepted), processedMs: Math.round(processedMs), baselineRssMb: mb(baseline), peakRssMb: mb(peak) },
        };
      } finally {
        await server.kill();
      }
    }),
};
