import sharp from 'sharp';
import { InvalidImageError, MAX_IMAGE_PIXELS } from './images.ts';

/** Mastodon's limit for a local custom emoji's image. */
export const MAX_CUSTOM_EMOJI_BYTES = 256 * 1024;

const EMOJI_TYPES: Record<string, string> = { png: 'image/png', gif: 'image/gif', webp: 'image/webp' };

/**
 * The content type of a custom emoji image, decided by what sharp decodes (never by a file
 * name): PNG, GIF or WebP, up to 256 KB, stored as uploaded so animations keep moving.
 */
export async function customEmojiImageType(input: Buffer): Promise<string> {
  if (input.length > MAX_CUSTOM_EMOJI_BYTES) throw new InvalidImageError('Image is too big (maximum is 256 KB)');
  const format = await sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS })
    .metadata()
    .then((metadata) => (metadata.width && metadata.height ? metadata.format : undefined))
    .catch(() => undefined);
  const contentType = format ? EMOJI_TYPES[format] : undefined;
  if (!contentType) throw new InvalidImageError('Image is not a PNG, GIF or WebP image');
  return contentType;
}
