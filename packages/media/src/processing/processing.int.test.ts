import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaFixtures } from '../fixtures.ts';
import { inspectAv, transcodeAv } from './av.ts';
import { probe } from './ffmpeg.ts';
import { isAnimated, processImage } from './image.ts';
import { InvalidMediaError, defaultMediaLimits as limits } from './limits.ts';
import { sniffBytes, sniffFile } from './sniff.ts';

let folder: string;
beforeAll(async () => void (folder = await mkdtemp(join(tmpdir(), 'strata-processing-'))));
afterAll(async () => rm(folder, { recursive: true, force: true }));
const onDisk = async (name: string, data: Buffer) => {
  const path = join(folder, name);
  await writeFile(path, data);
  return path;
};

describe('images', () => {
  it('strips EXIF and GPS, applies orientation, keeps the stored original within the pixel budget', async () => {
    const photo = await mediaFixtures.jpegWithGps(600, 300);
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const rotated = await sharp(photo).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const result = await processImage(rotated, limits);
    const stored = await sharp(result.original.data).metadata();
    expect(stored.exif).toBeUndefined();
    expect(stored.orientation).toBeUndefined();
    expect([stored.width, stored.height]).toEqual([300, 600]);
    expect(result.meta.original).toEqual({ width: 300, height: 600, size: '300x600', aspect: 0.5 });
    expect(result.small.height).toBeLessThanOrEqual(640);
    expect(result.blurhash).toMatch(/^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{20,}$/);

    const huge = await sharp({ create: { width: 5000, height: 4000, channels: 3, background: 'white' } }).jpeg().toBuffer();
    const scaled = await processImage(huge, limits);
    expect(scaled.original.width * scaled.original.height).toBeLessThanOrEqual(limits.imageStoredMatrix);
    expect(scaled.original.width / scaled.original.height).toBeCloseTo(1.25, 2);
  });

  it('refuses truncated files, lies and decompression bombs', async () => {
    const photo = await mediaFixtures.jpegWithGps();
    await expect(processImage(photo.subarray(0, photo.length / 2), limits)).rejects.toBeInstanceOf(InvalidMediaError);
    await expect(processImage(Buffer.from('GIF89a but not really a gif at all'), limits)).rejects.toBeInstanceOf(InvalidMediaError);
    const bomb = await sharp({ create: { width: 6000, height: 6000, channels: 3, background: 'black' } }).png().toBuffer();
    await expect(processImage(bomb, limits)).rejects.toThrow('too many pixels');
  });

  it('sniffs types from bytes and tells animated GIFs', async () => {
    expect(sniffBytes(await mediaFixtures.png())).toEqual({ kind: 'image', format: 'png' });
    expect(sniffBytes(Buffer.alloc(0))).toBeNull();
    expect(sniffBytes(Buffer.from('<html><body>hello</body></html>'))).toBeNull();
    expect(await sniffFile(await onDisk('a.mp3', await mediaFixtures.mp3()))).toEqual({ kind: 'audio', container: 'mp3' });
    expect(await isAnimated(await mediaFixtures.animatedGif(), limits)).toBe(true);
  });
});

describe('audio and video', () => {
  it('turns a GIF into a silent looping MP4 with a preview', async () => {
    const work = await mkdtemp(join(folder, 'gif-'));
    const out = await transcodeAv(await onDisk('a.gif', await mediaFixtures.animatedGif()), 'gifv', work, limits);
    const info = await probe(out.file.path);
    expect(info.streams.map((s) => s.codec_name)).toEqual(['h264']);
    expect(out.meta).toMatchObject({ width: 64, height: 48, original: { width: 64, height: 48 } });
    expect(out.preview?.contentType).toBe('image/jpeg');
    expect(out.blurhash).toBeTruthy();
  });

  it('transcodes WebM to H.264 MP4 and remuxes MP4 without its metadata', async () => {
    const work = await mkdtemp(join(folder, 'video-'));
    const webm = await transcodeAv(await onDisk('a.webm', await mediaFixtures.webm()), 'video', work, limits);
    expect((await probe(webm.file.path)).streams[0]?.codec_name).toBe('h264');
    const work2 = await mkdtemp(join(folder, 'video-'));
    const mp4 = await transcodeAv(await onDisk('a.mp4', await mediaFixtures.mp4()), 'video', work2, limits);
    const info = await probe(mp4.file.path);
    expect(info.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
    expect(JSON.stringify(info.format)).not.toContain('48.8584');
    expect(mp4.meta).toMatchObject({ fps: 25, width: 320, height: 240, audio_encode: 'aac', original: { frame_rate: '25/1' } });
    expect(mp4.meta['duration']).toBeCloseTo(1, 0);
  });

  it('keeps MP3 as MP3 without its tags, and refuses truncated or empty audio', async () => {
    const work = await mkdtemp(join(folder, 'audio-'));
    const out = await transcodeAv(await onDisk('a.mp3', await mediaFixtures.mp3(2)), 'audio', work, limits);
    expect(out.file.contentType).toBe('audio/mpeg');
    expect(JSON.stringify(await probe(out.file.path))).not.toContain('Secret title');
    expect(out.meta).toMatchObject({ audio_encode: 'mp3', original: {} });
    await expect(inspectAv(await onDisk('empty.mp3', Buffer.alloc(0)), 'audio', limits)).rejects.toBeInstanceOf(InvalidMediaError);
    const video = await mediaFixtures.mp4();
    await expect(inspectAv(await onDisk('cut.mp4', video.subarray(0, 200)), 'video', limits)).rejects.toBeInstanceOf(InvalidMediaError);
    await expect(inspectAv(await onDisk('big.mp4', video), 'video', { ...limits, imageMatrixLimit: 10_000 })).rejects.toThrow('too many pixels');
    await expect(inspectAv(await onDisk('song.mp3', await mediaFixtures.mp3()), 'video', limits)).rejects.toThrow('no readable video');
    await expect(inspectAv(await onDisk('long.mp3', await mediaFixtures.mp3(3)), 'audio', { ...limits, videoDurationLimit: 2 })).rejects.toThrow('longer');
  });
});
