import { encode } from 'blurhash';
import sharp, { type Sharp } from 'sharp';
import { InvalidMediaError, type MediaLimits, dimensions, fitPixels } from './limits.ts';

export interface ImageOutput {
  data: Buffer;
  contentType: string;
  extension: string;
  width: number;
  height: number;
}

const PREVIEW_BOX = 640;
const OUTPUTS = {
  jpeg: { contentType: 'image/jpeg', extension: 'jpg', encode: (image: Sharp) => image.jpeg({ quality: 85 }) },
  png: { contentType: 'image/png', extension: 'png', encode: (image: Sharp) => image.png({ compressionLevel: 8 }) },
  webp: { contentType: 'image/webp', extension: 'webp', encode: (image: Sharp) => image.webp({ quality: 85 }) },
};

/** Width, height and format, refusing what is not a whole image within the limits. */
async function inspect(input: Buffer | string, limits: MediaLimits) {
  try {
    const metadata = await sharp(input, { limitInputPixels: limits.imageMatrixLimit, failOn: 'truncated' }).metadata();
    if (!metadata.width || !metadata.height) throw new InvalidMediaError('File could not be read as an image');
    return metadata;
  } catch (error) {
    if (error instanceof InvalidMediaError) throw error;
    const message = String((error as Error).message);
    throw new InvalidMediaError(/pixel limit/i.test(message) ? 'Image has too many pixels' : 'File could not be read as an image');
  }
}

async function render(input: Buffer | string, limits: MediaLimits, format: keyof typeof OUTPUTS, box: { width: number; height: number } | null) {
  // rotate() applies the EXIF orientation; sharp writes no metadata (EXIF, GPS, XMP) unless asked
  let image = sharp(input, { limitInputPixels: limits.imageMatrixLimit, failOn: 'truncated' }).rotate();
  if (box) image = image.resize({ width: box.width, height: box.height, fit: 'inside', withoutEnlargement: true });
  const { data, info } = await OUTPUTS[format].encode(image).toBuffer({ resolveWithObject: true });
  return { data, contentType: OUTPUTS[format].contentType, extension: OUTPUTS[format].extension, width: info.width, height: info.height };
}

/** A short placeholder clients paint while the image loads. */
export async function blurhashOf(image: Buffer): Promise<string> {
  const { data, info } = await sharp(image).resize(32, 32, { fit: 'inside' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return encode(new Uint8ClampedArray(data), info.width, info.height, 4, 3);
}

/** A preview (about 640 px) of any still image, as JPEG, with its blurhash. */
export async function previewImage(input: Buffer | string, limits: MediaLimits): Promise<ImageOutput & { blurhash: string }> {
  await inspect(input, limits);
  try {
    const small = await render(input, limits, 'jpeg', { width: PREVIEW_BOX, height: PREVIEW_BOX });
    return { ...small, blurhash: await blurhashOf(small.data) };
  } catch {
    throw new InvalidMediaError('File could not be processed as an image');
  }
}

/**
 * An uploaded still image as Strata stores it: orientation applied, metadata (GPS!)
 * stripped, scaled within the stored pixel budget, a ~640 px preview and a blurhash.
 */
export async function processImage(input: Buffer | string, limits: MediaLimits) {
  const metadata = await inspect(input, limits);
  const format = metadata.format === 'png' || metadata.format === 'webp' ? metadata.format : 'jpeg';
  // a transparent PNG keeps PNG; otherwise the source format, or JPEG for the rest (GIF stills, AVIF, HEIC)
  const upright = (metadata.orientation ?? 1) >= 5 ? { w: metadata.height!, h: metadata.width! } : { w: metadata.width!, h: metadata.height! };
  const box = fitPixels(upright.w, upright.h, limits.imageStoredMatrix);
  try {
    const original = await render(input, limits, format, box.width === upright.w ? null : box);
    const small = await render(original.data, limits, format, { width: PREVIEW_BOX, height: PREVIEW_BOX });
    const meta = { original: dimensions(original.width, original.height), small: dimensions(small.width, small.height) };
    return { original, small, meta, blurhash: await blurhashOf(small.data) };
  } catch {
    throw new InvalidMediaError('File could not be processed as an image');
  }
}

/** Whether a GIF moves (then it becomes a silent looping video, `gifv`). */
export async function isAnimated(input: Buffer | string, limits: MediaLimits): Promise<boolean> {
  const metadata = await inspect(input, limits);
  return (metadata.pages ?? 1) > 1;
}
