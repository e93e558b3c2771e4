import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { MediaFile, MediaType } from '@strata/contracts';
import type { ProcessedMedia } from '@strata/commands';
import { CONTENT_TYPES, type MediaStorage } from './port.ts';
import type { AvOutput } from './processing/av.ts';
import type { processImage } from './processing/image.ts';

type ProcessedImage = Awaited<ReturnType<typeof processImage>>;

/** Stores bytes (or a file on disk) under `<prefix>/<variant>/<random>.<ext>`: a name Strata makes, never the client's. */
export async function storeUnder(storage: MediaStorage, prefix: string, variant: string, data: Buffer | string, contentType: string) {
  const extension = Object.entries(CONTENT_TYPES).find(([, type]) => type === contentType)?.[0];
  if (!extension) throw new Error(`no file extension for ${contentType}`);
  const key = `${prefix}/${variant}/${randomBytes(8).toString('hex')}.${extension}`;
  if (typeof data === 'string') await storage.putFile(key, data, contentType);
  else await storage.put(key, data, contentType);
  return { key, contentType, size: typeof data === 'string' ? (await stat(data)).size : data.length };
}

/** Stores one processed variant (`original`, `small`) of an attachment and returns the stored file. */
export type StoreVariant = (variant: 'original' | 'small', data: Buffer | string, contentType: string) => Promise<MediaFile>;

/** Variants stored under an attachment's prefix. */
export const variantsUnder =
  (storage: MediaStorage, prefix: string): StoreVariant =>
  (variant, data, contentType) =>
    storeUnder(storage, prefix, variant, data, contentType);

/** A processed still image stored as Strata serves it: the original and its small preview. */
export async function storeImageVariants(store: StoreVariant, image: ProcessedImage): Promise<ProcessedMedia> {
  const file = await store('original', image.original.data, image.original.contentType);
  const preview = await store('small', image.small.data, image.small.contentType);
  return { mediaType: 'image', file, preview, meta: image.meta, blurhash: image.blurhash };
}

/** A transcoded GIF, video or audio stored: the file and, when it has one, its preview frame. */
export async function storeAvVariants(store: StoreVariant, mediaType: MediaType, output: AvOutput): Promise<ProcessedMedia> {
  const file = await store('original', output.file.path, output.file.contentType);
  const preview = output.preview ? await store('small', output.preview.data, output.preview.contentType) : null;
  return { mediaType, file, preview, meta: output.meta, blurhash: output.blurhash };
}
