import { randomUUID } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';
import type { MediaStorage } from './port.ts';

export const MAX_IMAGE_BYTES = 16 * 1024 * 1024;
export const MAX_IMAGE_PIXELS = 33_177_600;

/** An upload that is not an image we accept; the API turns it into Mastodon's 422. */
export class InvalidImageError extends Error {
  override readonly name = 'InvalidImageError';
}

const PROFILE_SIZES = { avatar: { width: 400, height: 400 }, header: { width: 1500, height: 500 } };

/**
 * A profile picture as Strata stores it: orientation applied, metadata (location!)
 * stripped, cropped to cover the target box without enlarging, as WebP.
 */
export async function processProfileImage(input: Buffer, kind: 'avatar' | 'header') {
  const label = kind === 'avatar' ? 'Avatar' : 'Header';
  if (input.length > MAX_IMAGE_BYTES) throw new InvalidImageError(`${label} is too big (maximum is 16 MB)`);
  let metadata: Metadata;
  try {
    metadata = await sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
  } catch {
    throw new InvalidImageError(`${label} is not a supported image`);
  }
  if (!metadata.width || !metadata.height || !['jpeg', 'png', 'gif', 'webp', 'avif', 'heif'].includes(metadata.format ?? '')) {
    throw new InvalidImageError(`${label} is not a supported image`);
  }
  if (metadata.width * metadata.height > MAX_IMAGE_PIXELS) throw new InvalidImageError(`${label} has too many pixels`);
  const { width, height } = PROFILE_SIZES[kind];
  try {
    const { data, info } = await sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS })
      .rotate()
      .resize({ width, height, fit: 'cover', withoutEnlargement: true })
      .webp({ quality: 85 })
      .toBuffer({ resolveWithObject: true });
    return { data, contentType: 'image/webp', width: info.width, height: info.height };
  } catch {
    throw new InvalidImageError(`${label} could not be processed`);
  }
}

/** Processes a profile picture and stores it under the account's avatars or headers; returns its key. */
export async function storeProfileImage(storage: MediaStorage, accountId: string, kind: 'avatar' | 'header', input: Buffer): Promise<string> {
  const image = await processProfileImage(input, kind);
  const key = `accounts/${kind}s/${accountId}/original/${randomUUID()}.webp`;
  await storage.put(key, image.data, image.contentType);
  return key;
}
