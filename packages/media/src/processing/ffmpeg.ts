import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

const require = createRequire(import.meta.url);

function onPath(name: string): string | undefined {
  for (const folder of (process.env['PATH'] ?? '').split(delimiter)) {
    const candidate = join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

let binaries: { ffmpeg: string; ffprobe: string } | undefined;

/** The system's ffmpeg/ffprobe when installed, otherwise the binaries shipped inside the npm packages. */
export function ffmpegBinaries(): { ffmpeg: string; ffprobe: string } {
  binaries ??= {
    ffmpeg: onPath('ffmpeg') ?? (require('@ffmpeg-installer/ffmpeg') as { path: string }).path,
    ffprobe: onPath('ffprobe') ?? (require('@ffprobe-installer/ffprobe') as { path: string }).path,
  };
  return binaries;
}

/** A media tool refused the input: the upload is bad, retrying cannot help. */
export class MediaToolError extends Error {
  override readonly name = 'MediaToolError';
}

/** Runs a binary without a shell, bounded in time; resolves with stdout, rejects with the end of stderr. */
export function run(binary: string, args: string[], timeoutMs = 10 * 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out).toString());
      else reject(new MediaToolError(`${binary.split('/').pop()} failed (${signal ?? code}): ${err.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

export interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  bit_rate?: string;
  channels?: number;
  channel_layout?: string;
  sample_rate?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
}

export interface Probe {
  format: { format_name?: string; duration?: string; bit_rate?: string; size?: string };
  streams: ProbeStream[];
}

export async function probe(path: string): Promise<Probe> {
  const output = await run(ffmpegBinaries().ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path], 60_000);
  const parsed = JSON.parse(output) as Partial<Probe>;
  return { format: parsed.format ?? {}, streams: parsed.streams ?? [] };
}

export async function ffmpeg(args: string[]): Promise<void> {
  // an hour of video may take long to transcode on a small machine: bounded, but generously
  await run(ffmpegBinaries().ffmpeg, ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args], 60 * 60_000);
}
