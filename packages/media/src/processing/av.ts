import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { previewImage } from './image.ts';
import { type Probe, ffmpeg, probe } from './ffmpeg.ts';
import { InvalidMediaError, type MediaLimits, dimensions, fitPixels } from './limits.ts';

export type AvType = 'gifv' | 'video' | 'audio';

const rate = (fraction: string | undefined) => {
  const [n, d] = (fraction ?? '0/1').split('/').map(Number);
  return d ? n! / d : 0;
};
const videoOf = (info: Probe) => info.streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
const audioOf = (info: Probe) => info.streams.find((s) => s.codec_type === 'audio');

/**
 * Checks on the request path (ffprobe only, no transcoding) that a video, GIF or audio
 * upload is whole and within the limits, so a bad file is refused at once with a 422.
 */
export async function inspectAv(path: string, type: AvType, limits: MediaLimits): Promise<Probe> {
  let info: Probe;
  try {
    info = await probe(path);
  } catch {
    throw new InvalidMediaError('File could not be read as audio or video');
  }
  const video = videoOf(info);
  const audio = audioOf(info);
  if (type !== 'audio' && (!video?.width || !video.height)) throw new InvalidMediaError('File has no readable video');
  if (type === 'audio' && !audio) throw new InvalidMediaError('File has no readable audio');
  // decoding is the cost: a video far larger than any screen is refused before it is decoded
  if (video?.width && video.height && video.width * video.height > limits.imageMatrixLimit) throw new InvalidMediaError('Video has too many pixels');
  const duration = Number(info.format.duration ?? video?.duration ?? audio?.duration ?? 0);
  if (type !== 'gifv' && !(duration > 0)) throw new InvalidMediaError('File is empty or truncated');
  if (duration > limits.videoDurationLimit) throw new InvalidMediaError(`Media is longer than ${limits.videoDurationLimit} seconds`);
  if (video && type === 'video' && rate(video.avg_frame_rate || video.r_frame_rate) > limits.videoFrameRateLimit) {
    throw new InvalidMediaError(`Video frame rate is above ${limits.videoFrameRateLimit} fps`);
  }
  return info;
}

export interface AvOutput {
  file: { path: string; contentType: string; extension: string };
  preview: { data: Buffer; contentType: string; extension: string; width: number; height: number } | null;
  meta: Record<string, unknown>;
  blurhash: string | null;
}

const clock = (seconds: number) => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${(seconds % 60).toFixed(2).padStart(5, '0')}`;
};

/** Scales within the video pixel budget to even sizes, as H.264 in 4:2:0 needs. */
function scaleFilter(width: number, height: number, limits: MediaLimits) {
  const box = fitPixels(width, height, limits.videoMatrixLimit);
  return `scale=${box.width - (box.width % 2) || 2}:${box.height - (box.height % 2) || 2}`;
}

async function transcodeVideo(input: string, output: string, info: Probe, type: 'gifv' | 'video', limits: MediaLimits) {
  const video = videoOf(info)!;
  const audio = audioOf(info);
  const compatible =
    type === 'video' &&
    /mp4|mov/.test(info.format.format_name ?? '') &&
    video.codec_name === 'h264' &&
    (!audio || audio.codec_name === 'aac') &&
    video.width! * video.height! <= limits.videoMatrixLimit;
  // metadata (location, device) is dropped either way; a compatible file is only remuxed
  const common = ['-map_metadata', '-1', '-movflags', '+faststart'];
  if (compatible) return ffmpeg(['-i', input, '-map', '0:v:0', ...(audio ? ['-map', '0:a:0'] : []), '-c', 'copy', ...common, output]);
  const codec = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p', '-vf', scaleFilter(video.width!, video.height!, limits)];
  if (type === 'gifv') return ffmpeg(['-i', input, '-map', '0:v:0', '-an', ...codec, ...common, output]);
  return ffmpeg(['-i', input, '-map', '0:v:0', ...(audio ? ['-map', '0:a:0', '-c:a', 'aac', '-b:a', '128k'] : ['-an']), ...codec, ...common, output]);
}

/** The job's part: GIF → silent MP4, video → H.264/AAC MP4, audio → MP3; a preview frame and the metadata. */
export async function transcodeAv(input: string, type: AvType, workDir: string, limits: MediaLimits): Promise<AvOutput> {
  const info = await inspectAv(input, type, limits);
  const extension = type === 'audio' ? 'mp3' : 'mp4';
  const output = join(workDir, `out.${extension}`);
  if (type === 'audio') {
    const copy = audioOf(info)!.codec_name === 'mp3' && /mp3/.test(info.format.format_name ?? '');
    await ffmpeg(['-i', input, '-map', '0:a:0', '-vn', ...(copy ? ['-c:a', 'copy'] : ['-c:a', 'libmp3lame', '-q:a', '2']), '-map_metadata', '-1', output]);
  } else {
    await transcodeVideo(input, output, info, type, limits);
  }
  const result = await probe(output);
  const meta = describe(result, type);
  let preview: AvOutput['preview'] = null;
  let blurhash: string | null = null;
  if (type !== 'audio') {
    const frame = join(workDir, 'frame.png');
    await ffmpeg(['-i', output, '-frames:v', '1', '-f', 'image2', '-c:v', 'png', frame]);
    const small = await previewImage(await readFile(frame), { ...limits, imageMatrixLimit: limits.videoMatrixLimit * 4 });
    preview = { data: small.data, contentType: small.contentType, extension: small.extension, width: small.width, height: small.height };
    blurhash = small.blurhash;
    meta['small'] = dimensions(small.width, small.height);
  }
  meta['original'] = { ...(meta['original'] as object), bitrate: Number(result.format.bit_rate ?? 0) || Math.round(((await stat(output)).size * 8) / Math.max(0.001, Number(result.format.duration ?? 1))) };
  return { file: { path: output, contentType: type === 'audio' ? 'audio/mpeg' : 'video/mp4', extension }, preview, meta, blurhash };
}

/** Mastodon's `meta` of a video, gifv or audio attachment. */
function describe(info: Probe, type: AvType): Record<string, unknown> {
  const duration = Number(info.format.duration ?? 0);
  const audio = audioOf(info);
  const meta: Record<string, unknown> = { length: clock(duration), duration };
  if (audio) {
    meta['audio_encode'] = audio.codec_name;
    meta['audio_bitrate'] = `${audio.sample_rate} Hz`;
    meta['audio_channels'] = audio.channel_layout ?? (audio.channels === 1 ? 'mono' : 'stereo');
  }
  if (type === 'audio') return { ...meta, original: { duration } };
  const video = videoOf(info)!;
  const fps = rate(video.avg_frame_rate || video.r_frame_rate);
  return {
    ...meta,
    fps: Math.round(fps),
    ...dimensions(video.width!, video.height!),
    original: { width: video.width, height: video.height, frame_rate: video.avg_frame_rate || video.r_frame_rate, duration },
  };
}
