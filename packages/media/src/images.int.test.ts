import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { InvalidImageError, processProfileImage } from './images.ts';

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } }).png().toBuffer();

describe('processProfileImage', () => {
  it('crops an avatar to 400x400 WebP and a header to 1500x500 without enlarging', async () => {
    const avatar = await processProfileImage(await png(1000, 800), 'avatar');
    expect(avatar).toMatchObject({ contentType: 'image/webp', width: 400, height: 400 });
    expect((await sharp(avatar.data).metadata()).format).toBe('webp');
    const header = await processProfileImage(await png(3000, 1200), 'header');
    expect(header).toMatchObject({ width: 1500, height: 500 });
    const small = await processProfileImage(await png(100, 50), 'header');
    expect(small.width).toBeLessThanOrEqual(100);
  });

  it('applies EXIF orientation and strips metadata', async () => {
    const rotated = await sharp({ create: { width: 600, height: 300, channels: 3, background: 'white' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const result = await processProfileImage(rotated, 'header');
    const metadata = await sharp(result.data).metadata();
    expect(metadata.orientation).toBeUndefined();
    expect(metadata.exif).toBeUndefined();
  });

  it('refuses what is not an image', async () => {
    await expect(processProfileImage(Buffer.from('definitely not an image'), 'avatar')).rejects.toBeInstanceOf(InvalidImageError);
  });
});
