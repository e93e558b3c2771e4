import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { ffmpeg } from './processing/ffmpeg.ts';

/** Test media made on the spot (no binaries in the repository), with sharp and ffmpeg. */
export const mediaFixtures = {
  /** A photo as a phone takes it: EXIF with GPS coordinates and a rotated orientation. */
  jpegWithGps: (width = 800, height = 600) =>
    sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'StrataPhone', Model: 'Test' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2964/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 17/1 4032/100' },
      })
      .toBuffer(),
  png: (width = 300, height = 200) => sharp({ create: { width, height, channels: 4, background: { r: 200, g: 40, b: 40, alpha: 0.5 } } }).png().toBuffer(),
  animatedGif: () => generate('gif', ['-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=5', '-t', '1']),
  mp4: (seconds = 1, size = '320x240') =>
    generate('mp4', ['-f', 'lavfi', '-i', `testsrc=size=${size}:rate=25`, '-f', 'lavfi', '-i', 'sine=frequency=440', '-t', String(seconds), '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-metadata', 'location=+48.8584+002.2945/']),
  /** MPEG-4 part 2 video: something the server must transcode, fast to make. */
  mpeg4: (seconds = 1, size = '320x240', bitrate?: string) =>
    generate('mp4', [
      ...['-f', 'lavfi', '-i', `testsrc=size=${size}:rate=25`, '-f', 'lavfi', '-i', 'sine=frequency=440', '-t', String(seconds)],
      // noise makes the picture incompressible, so a bit rate gives a file as large as a camera's
      ...(bitrate ? ['-vf', 'noise=alls=30:allf=t', '-b:v', bitrate, '-maxrate', bitrate, '-bufsize', bitrate] : ['-q:v', '5']),
      ...['-c:v', 'mpeg4', '-c:a', 'aac'],
    ]),
  webm: (seconds = 1) => generate('webm', ['-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=25', '-t', String(seconds), '-c:v', 'libvpx', '-b:v', '200k']),
  /** An MP4 container holding only sound (what a phone's voice memo may be). */
  audioOnlyMp4: () => generate('mp4', ['-f', 'lavfi', '-i', 'sine=frequency=330', '-t', '1', '-c:a', 'aac']),
  mp3: (seconds = 1) => generate('mp3', ['-f', 'lavfi', '-i', 'sine=frequency=440', '-t', String(seconds), '-c:a', 'libmp3lame', '-metadata', 'title=Secret title']),
};

async function generate(extension: string, args: string[]): Promise<Buffer> {
  const folder = await mkdtemp(join(tmpdir(), 'strata-fixture-'));
  try {
    const path = join(folder, `fixture.${extension}`);
    await ffmpeg([...args, path]);
    return await readFile(path);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
