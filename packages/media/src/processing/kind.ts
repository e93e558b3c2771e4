import type { AvType } from './av.ts';
import { probe } from './ffmpeg.ts';
import { isAnimated } from './image.ts';
import type { MediaLimits } from './limits.ts';
import { type Sniffed, sniffFile } from './sniff.ts';

async function hasOnlyAudio(path: string): Promise<boolean> {
  const info = await probe(path).catch(() => null);
  return !!info && info.streams.some((s) => s.codec_type === 'audio') && !info.streams.some((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
}

/**
 * What a file is, from its bytes (never from a name or type someone sent): a still image,
 * an animated GIF (gifv), a video, or audio (an MP4 or WebM holding only sound). Null
 * when it is none of them; InvalidMediaError when it claims to be an image but is not one.
 */
export async function mediaKindOf(path: string, limits: MediaLimits): Promise<{ kind: 'image' | AvType; sniffed: Sniffed } | null> {
  const sniffed = await sniffFile(path);
  if (!sniffed) return null;
  let kind: 'image' | AvType = sniffed.kind === 'gif' ? ((await isAnimated(path, limits)) ? 'gifv' : 'image') : sniffed.kind;
  if (kind === 'video' && (await hasOnlyAudio(path))) kind = 'audio';
  return { kind, sniffed };
}

/** The most bytes a file of this kind may have. */
export const sizeLimitOf = (kind: 'image' | AvType, limits: MediaLimits) => (kind === 'image' ? limits.imageSizeLimit : limits.videoSizeLimit);
