import type { StrataConfig } from '@strata/config';

/** What an instance accepts; from configuration (STRATA_MEDIA_*), announced in /api/v2/instance. */
export type MediaLimits = StrataConfig['media']['limits'];

export const defaultMediaLimits: MediaLimits = {
  imageSizeLimit: 16 * 1024 * 1024,
  imageMatrixLimit: 33_177_600,
  imageStoredMatrix: 8_294_400,
  videoSizeLimit: 99 * 1024 * 1024,
  videoMatrixLimit: 8_294_400,
  videoFrameRateLimit: 120,
  videoDurationLimit: 3600,
  descriptionLimit: 1500,
};

/** The upload is not media we accept (wrong type, truncated, too large, a bomb); the API answers 422. */
export class InvalidMediaError extends Error {
  override readonly name = 'InvalidMediaError';
}

export type MediaType = 'image' | 'gifv' | 'video' | 'audio';

/** Mastodon's `meta` of one size: width, height, "WxH" and aspect ratio. */
export function dimensions(width: number, height: number) {
  return { width, height, size: `${width}x${height}`, aspect: width / height };
}

/** Width and height scaled down (never up) so that their product stays within `pixels`. */
export function fitPixels(width: number, height: number, pixels: number): { width: number; height: number } {
  if (width * height <= pixels) return { width, height };
  const scale = Math.sqrt(pixels / (width * height));
  return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
}
